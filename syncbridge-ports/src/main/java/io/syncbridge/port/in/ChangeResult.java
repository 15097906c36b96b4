package io.syncbridge.port.in;

import io.syncbridge.domain.change.AppliedChange;
import io.syncbridge.domain.change.ChangeOutcome;
import io.syncbridge.domain.change.MutationId;
import io.syncbridge.domain.error.SyncError;
import io.syncbridge.domain.session.AcceptedChange;
import io.syncbridge.domain.session.Session;
import java.util.Objects;

/** The answer to one change: accepted (applied or rebased), a duplicate of an earlier one, or rejected. */
public sealed interface ChangeResult {

    MutationId mutationId();

    /** Accepted now: the session's own {@link AcceptedChange}, the session right after it included. */
    record Accepted(AcceptedChange accepted) implements ChangeResult {
        public Accepted {
            Objects.requireNonNull(accepted, "accepted");
        }

        /** The change as the log keeps it, with its version. */
        public AppliedChange change() {
            return accepted.applied();
        }

        public ChangeOutcome outcome() {
            return accepted.outcome();
        }

        public Session session() {
            return accepted.session();
        }

        @Override
        public MutationId mutationId() {
            return accepted.applied().mutationId();
        }

        public long version() {
            return accepted.applied().version();
        }
    }

    /** Accepted before, at {@code version}; nothing was applied again. */
    record Duplicate(MutationId mutationId, long version) implements ChangeResult {
    }

    /**
     * Not applied: a {@link SyncError.VersionConflict}, or a change that cannot apply to the state
     * (invalid path, invalid state, too large). Nothing was changed.
     */
    record Rejected(MutationId mutationId, long baseVersion, SyncError error) implements ChangeResult {
    }
}
