package io.syncbridge.inmemory;

import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.port.out.ChangeFeed;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Change feed adapter for one process: delivers each session's events to its subscribers by
 * direct calls.
 *
 * <p>Events of one session are delivered one at a time, in the order their {@code publish} calls
 * entered the feed, each to the listeners subscribed when it is delivered. Normally the publishing
 * thread delivers its own event before {@code publish} returns; when another thread is already
 * delivering that session's events, the event is queued and that thread delivers it, so that every
 * listener sees one order, no listener is called by two threads at once for one session, and a
 * listener may publish (or commit a change) without deadlock or overtaking. No lock is held while
 * a listener runs.
 *
 * <p>Listeners must be fast and must not block (they run on the publisher's thread): hand work to
 * another thread or a queue. A listener that throws does not stop delivery to the others and does
 * not fail the publisher, who has nothing to do about it: the failure is logged, counted in
 * {@link #listenerFailures()} and kept in {@link #lastListenerFailure()}.
 */
public final class InMemoryChangeFeed implements ChangeFeed {

    private static final System.Logger LOG = System.getLogger(InMemoryChangeFeed.class.getName());

    private final ConcurrentHashMap<SessionId, Channel> channels = new ConcurrentHashMap<>();
    private final AtomicLong listenerFailures = new AtomicLong();
    private final AtomicReference<RuntimeException> lastListenerFailure = new AtomicReference<>();

    @Override
    public void publish(DomainEvent event) {
        Objects.requireNonNull(event, "event");
        Channel channel = channels.get(event.sessionId());
        if (channel != null) {
            channel.delivery.submit(() -> deliver(channel, event));
        }
    }

    @Override
    public Subscription subscribe(SessionId session, Consumer<DomainEvent> listener) {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(listener, "listener");
        Listener entry = new Listener(session, listener);
        channels.compute(session, (id, channel) -> {
            Channel target = channel == null ? new Channel() : channel;
            target.listeners.add(entry);
            return target;
        });
        return entry;
    }

    /** How many listeners are subscribed to the session now. */
    public int subscribers(SessionId session) {
        Channel channel = channels.get(session);
        return channel == null ? 0 : channel.listeners.size();
    }

    /** How many times a listener has thrown since this feed was made. */
    public long listenerFailures() {
        return listenerFailures.get();
    }

    /** The most recent exception a listener threw, if any did. */
    public Optional<RuntimeException> lastListenerFailure() {
        return Optional.ofNullable(lastListenerFailure.get());
    }

    private void deliver(Channel channel, DomainEvent event) {
        for (Listener listener : channel.listeners) {
            if (listener.closed.get()) {
                continue;
            }
            try {
                listener.consumer.accept(event);
            } catch (RuntimeException failure) {
                listenerFailures.incrementAndGet();
                lastListenerFailure.set(failure);
                LOG.log(System.Logger.Level.WARNING, () -> "A change feed listener of session " + event.sessionId()
                        + " failed on event " + event.name() + " " + event.eventId(), failure);
            }
        }
    }

    /** The subscribers of one session and the order their events go out in. */
    private static final class Channel {
        final CopyOnWriteArrayList<Listener> listeners = new CopyOnWriteArrayList<>();
        final SerialDelivery delivery = new SerialDelivery();
    }

    /** One subscription; identity, not the consumer, tells two subscriptions apart. */
    private final class Listener implements Subscription {
        final SessionId session;
        final Consumer<DomainEvent> consumer;
        final AtomicBoolean closed = new AtomicBoolean();

        Listener(SessionId session, Consumer<DomainEvent> consumer) {
            this.session = session;
            this.consumer = consumer;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                channels.computeIfPresent(session, (id, channel) -> {
                    channel.listeners.remove(this);
                    return channel.listeners.isEmpty() ? null : channel;
                });
            }
        }
    }
}
