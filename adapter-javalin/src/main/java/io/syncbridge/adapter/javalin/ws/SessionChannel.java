package io.syncbridge.adapter.javalin.ws;

import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.port.in.Caller;
import io.syncbridge.port.in.SessionsUseCase;
import io.syncbridge.port.in.StateSyncUseCase;
import io.syncbridge.port.out.ChangeFeed;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's fan-out for one session: a single watch on the session's events while it has local
 * connections, each event encoded into frames once per protocol and the same frames handed to the
 * connections in the order they joined. Events are handled one at a time, in the feed's order: on
 * the feed's thread when the channel is idle (no thread started per event), else queued on the
 * channel's own serial worker so that the feed never waits behind a backlog.
 */
final class SessionChannel {

    private static final Logger LOG = LoggerFactory.getLogger(SessionChannel.class);

    private final SessionId session;
    private final EventFrames frames;
    private final SerialExecutor worker;
    private final List<Connection> members = new CopyOnWriteArrayList<>();
    /** A lock rather than a monitor: the first join blocks on the core, and must not pin a virtual thread. */
    private final ReentrantLock lock = new ReentrantLock();
    private ChangeFeed.Subscription subscription;
    private boolean closed;

    SessionChannel(SessionId session, SessionsUseCase sessions, ServerTime time) {
        this.session = Objects.requireNonNull(session, "session");
        this.frames = new EventFrames(sessions, session, time);
        this.worker = new SerialExecutor("ws-session-" + session.value());
    }

    /**
     * Adds a connection, subscribing on the first one; false when the channel already closed (the
     * caller then makes a new one). Blocks on the core for the first join.
     */
    boolean join(Connection connection, Caller caller, StateSyncUseCase sync) {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            if (subscription == null) {
                frames.primeKeys(caller);
                subscription = sync.watch(caller, session, event -> worker.runNowOrQueue(() -> dispatch(event)));
                LOG.debug("Watching session {} for local connections", session);
            }
            if (!members.contains(connection)) {
                members.add(connection);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Removes a connection; true when it was the last one and the channel closed. */
    boolean leave(Connection connection) {
        lock.lock();
        try {
            members.remove(connection);
            if (!members.isEmpty() || closed) {
                return false;
            }
            closed = true;
            if (subscription != null) {
                subscription.close();
                LOG.debug("Stopped watching session {}: no local connections left", session);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Closes the subscription regardless of members (the gateway shuts down). */
    void close() {
        lock.lock();
        try {
            closed = true;
            members.clear();
            if (subscription != null) {
                subscription.close();
            }
        } finally {
            lock.unlock();
        }
    }

    private void dispatch(DomainEvent event) {
        List<Connection> audience = new ArrayList<>(members);
        List<Broadcast> broadcasts;
        try {
            broadcasts = frames.toBroadcasts(event, protocolsOf(audience));
        } catch (RuntimeException e) {
            LOG.error("Session {}: event {} could not be prepared for the wire", session, event.name(), e);
            return;
        }
        for (Broadcast broadcast : broadcasts) {
            audience.forEach(connection -> connection.deliver(broadcast));
        }
    }

    /** The protocols to encode for; a connection still authenticating may turn out to speak either. */
    private static EventFrames.Audience protocolsOf(List<Connection> audience) {
        boolean v1 = false;
        boolean v2 = false;
        for (Connection connection : audience) {
            Binding binding = connection.binding();
            if (binding == null) {
                return EventFrames.Audience.BOTH;
            }
            v1 |= !binding.v2();
            v2 |= binding.v2();
        }
        return new EventFrames.Audience(v1, v2);
    }
}
