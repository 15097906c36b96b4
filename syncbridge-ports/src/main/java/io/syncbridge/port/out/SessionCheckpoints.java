package io.syncbridge.port.out;

import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionId;
import java.util.List;
import java.util.Optional;

/**
 * Driven port: the durable tier of session state, the last checkpoint of each session's head
 * (state, version, devices, settings, policies), kept where a loss of the hot {@link SessionStore}
 * does not reach. Written behind the hot path, in batches; read when the hot store no longer has
 * a session. Implementations throw {@code SyncError.DependencyDown} when their store is unreachable.
 */
public interface SessionCheckpoints {

    /**
     * Keeps each head as its session's checkpoint, unless the checkpoint already kept has the same
     * or a later revision: checkpoints only move forward, whichever node writes them and in
     * whichever order. A batch is written as a whole or, on failure, not at all.
     */
    void save(List<Session> heads);

    /** The last checkpoint of the session, if one is kept. */
    Optional<Session> latest(SessionId id);

    /** Forgets the session's checkpoint (the session was deleted); false when there was none. */
    boolean delete(SessionId id);
}
