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
 * Implementations throw {@code SyncError.DependencyDown} when their backing store is unreachable,
 * and may throw {@code SyncError.RateLimited} from {@link #commit} when more commits wait than they
 * can take (refused at once, never left to time out; nothing is written).
 *
 * <p>A decorator (a durable tier, a cache) wraps it by delegation: every method is a complete
 * operation on one session, and {@code commit}'s arguments carry everything written.
 */
public interface SessionStore {

    Optional<Session> load(SessionId id);

    /** Stores a new session; false (and nothing written) when the id is taken. */
    boolean insert(Session session);

    /**
     * Replaces the head with {@code next} if the stored revision is still {@code expectedRevision}
     * and the stored head is the same incarnation of the session (the same {@code createdAt}: a
     * head decided on a session that was deleted and created again under its id is refused);
     * with a change, appends it to the log (trimmed to the store's bounds), records its mutation id
     * and publishes {@link io.syncbridge.domain.event.DomainEvent.StateChanged}. Returns false,
     * having written nothing, when the revision moved on, or when the change's mutation id was
     * recorded before (the caller reloads and decides again, and finds the earlier change by
     * {@link #appliedVersion}).
     *
     * <p>{@code next} must be what the change makes of the stored head: its state is the stored
     * state with the change's operations applied, or the stored state itself when there is no
     * change. A store may therefore keep the state as a checkpoint plus the changes after it, send
     * only the change per commit, and rebuild the state on {@link #load}; callers that keep a head
     * warm (see {@code Session.followedBy}) rely on the same rule.
     */
    boolean commit(long expectedRevision, Session next, Optional<AppliedChange> change);

    /** Removes the session with its change log and mutation ids; false when there was none. */
    boolean delete(SessionId id);

    /** The version a mutation id produced on this session, if it was accepted before. */
    Optional<Long> appliedVersion(SessionId id, MutationId mutationId);
}
