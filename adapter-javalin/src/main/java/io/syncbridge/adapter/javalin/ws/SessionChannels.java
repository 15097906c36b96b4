package io.syncbridge.adapter.javalin.ws;

import io.syncbridge.domain.session.SessionId;
import io.syncbridge.port.in.Caller;
import io.syncbridge.port.in.SessionsUseCase;
import io.syncbridge.port.in.StateSyncUseCase;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The node's session channels: one per session that has local connections, gone with the last of them. */
final class SessionChannels {

    private final ConcurrentMap<SessionId, SessionChannel> channels = new ConcurrentHashMap<>();
    private final StateSyncUseCase sync;
    private final SessionsUseCase sessions;
    private final ServerTime time;

    SessionChannels(SessionsUseCase sessions, StateSyncUseCase sync, ServerTime time) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.sync = Objects.requireNonNull(sync, "sync");
        this.time = Objects.requireNonNull(time, "time");
    }

    void join(Connection connection, SessionId session, Caller caller) {
        while (true) {
            SessionChannel channel = channels.computeIfAbsent(session, id -> new SessionChannel(id, sessions, time));
            try {
                if (channel.join(connection, caller, sync)) {
                    return;
                }
            } catch (RuntimeException e) {
                // The watch could not start: drop the empty channel so that the next join tries again.
                if (channel.leave(connection)) {
                    channels.remove(session, channel);
                }
                throw e;
            }
            channels.remove(session, channel);
        }
    }

    void leave(Connection connection, SessionId session) {
        SessionChannel channel = channels.get(session);
        if (channel != null && channel.leave(connection)) {
            channels.remove(session, channel);
        }
    }

    int size() {
        return channels.size();
    }

    void closeAll() {
        channels.values().forEach(SessionChannel::close);
        channels.clear();
    }
}
