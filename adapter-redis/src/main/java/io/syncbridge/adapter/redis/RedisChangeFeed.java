package io.syncbridge.adapter.redis;

import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.port.out.ChangeFeed;
import io.syncbridge.port.out.codec.EventJson;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Protocol;

/**
 * Fan-out adapter: a session's events travel on its shard channel ({@code SPUBLISH}); this node
 * holds an {@code SSUBSCRIBE} to a session only while it has local listeners for it, and hands
 * each event to those listeners in the order Redis delivered them, off the connection's thread.
 */
public final class RedisChangeFeed implements ChangeFeed, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisChangeFeed.class);

    private final RedisConnection redis;
    private final RedisKeys keys;
    private final ShardedSubscriber subscriber;
    private final ExecutorService delivery;
    private final ConcurrentMap<SessionId, Listeners> sessions = new ConcurrentHashMap<>();

    public RedisChangeFeed(RedisConnection redis) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.keys = redis.keys();
        this.subscriber = new ShardedSubscriber(redis, this::received);
        this.delivery = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("syncbridge-feed-", 0).factory());
    }

    @Override
    public void publish(DomainEvent event) {
        String channel = keys.feed(event.sessionId());
        String payload = EventJson.eventText(event);
        // Not retried: a repeated publish would deliver the event twice (the feed is at most once).
        redis.call("feed.publish", false, r -> r.sendCommand(channel, Protocol.Command.SPUBLISH, channel, payload));
    }

    @Override
    public Subscription subscribe(SessionId session, Consumer<DomainEvent> listener) {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(listener, "listener");
        while (true) {
            Listeners entry = sessions.computeIfAbsent(session, Listeners::new);
            entry.lock.lock();
            try {
                if (entry.retired) {
                    continue; // lost a race with the last listener leaving; take the fresh entry
                }
                if (entry.listeners.isEmpty()) {
                    try {
                        subscriber.subscribe(keys.feed(session));
                    } catch (RuntimeException e) {
                        entry.retire();
                        throw e;
                    }
                }
                Registered registered = new Registered(entry, listener);
                entry.listeners.add(registered);
                return registered;
            } finally {
                entry.lock.unlock();
            }
        }
    }

    /** How many sessions this node is subscribed to in Redis (for tests and diagnostics). */
    public int subscribedSessions() {
        return subscriber.channelCount();
    }

    @Override
    public void close() {
        subscriber.close();
        delivery.shutdown();
    }

    private void received(String channel, String payload) {
        keys.sessionOfFeed(channel).map(sessions::get).ifPresent(entry -> {
            DomainEvent event;
            try {
                event = EventJson.eventFromText(payload);
            } catch (RuntimeException e) {
                LOG.warn("Dropping an unreadable event on {}: {}", channel, e.getMessage());
                return;
            }
            entry.deliver(event);
        });
    }

    /** The local listeners of one session and the queue that keeps their deliveries in order. */
    private final class Listeners {
        private final SessionId session;
        private final ReentrantLock lock = new ReentrantLock();
        private final List<Registered> listeners = new CopyOnWriteArrayList<>();
        private final DrainQueue<DomainEvent> queue = new DrainQueue<>();
        private boolean retired;

        Listeners(SessionId session) {
            this.session = session;
        }

        /** Called with the lock held: this entry takes no more listeners. */
        void retire() {
            retired = true;
            sessions.remove(session, this);
        }

        void deliver(DomainEvent event) {
            if (queue.offerAndClaim(event)) {
                delivery.execute(this::drain);
            }
        }

        /** Runs on one delivery thread at a time per session, so listeners see events in order. */
        private void drain() {
            DomainEvent event;
            while ((event = queue.pollOrRelease()) != null) {
                for (Registered registered : listeners) {
                    registered.accept(event);
                }
            }
        }

        void remove(Registered registered) {
            lock.lock();
            try {
                if (listeners.remove(registered) && listeners.isEmpty() && !retired) {
                    retire();
                    subscriber.unsubscribe(keys.feed(session));
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** One listener's subscription; closing it twice is harmless. */
    private static final class Registered implements Subscription {
        private final Listeners owner;
        private final Consumer<DomainEvent> listener;
        private final AtomicBoolean open = new AtomicBoolean(true);

        Registered(Listeners owner, Consumer<DomainEvent> listener) {
            this.owner = owner;
            this.listener = listener;
        }

        void accept(DomainEvent event) {
            if (!open.get()) {
                return;
            }
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("A change feed listener of session {} failed on {}", event.sessionId(), event.name(), e);
            }
        }

        @Override
        public void close() {
            if (open.compareAndSet(true, false)) {
                owner.remove(this);
            }
        }
    }
}
