package io.syncbridge.port.out;

import io.syncbridge.domain.change.AppliedChange;
import io.syncbridge.domain.change.MutationId;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionId;
import java.util.Optional;

/**
 * Driven port: the live head of every session, written only by compare-and-set on its revision.
 * A commit that carries an accepted change also appends it to the change log, records its
 * mutation id, and publishes it to {@link ChangeFeed} subscribers, all as one atomic step, so
 * that a change is durable before any device hears of it.
 * Implementations throw {@code SyncError.DependencyDown} when their backing store is unreachable.
 */
public interface SessionStore {

    Optional<Session> load(SessionId id);

    /** Stores a new session; false (and nothing written) when the id is taken. */
    boolean insert(Session session);

    /**
     * Replaces the head with {@code next} if the stored revision is still {@code expectedRevision};
     * with a change, appends it to the log (trimmed to the store's bounds), records its mutation id
     * and publishes {@link io.syncbridge.domain.event.DomainEvent.StateChanged}. Returns false, having
     * written nothing, when the revision moved on, or when the change's mutation id was recorded
     * before (the caller reloads and decides again, and finds the earlier change by
     * {@link #appliedVersion}).
     */
    boolean commit(long expectedRevision, Session next, Optional<AppliedChange> change);

    /** Removes the session with its change log and mutation ids; false when there was none. */
    boolean delete(SessionId id);

    /** The version a mutation id produced on this session, if it was accepted before. */
    Optional<Long> appliedVersion(SessionId id, MutationId mutationId);
}
