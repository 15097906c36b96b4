package io.syncbridge.port.in;

import io.syncbridge.domain.change.AppliedChange;
import io.syncbridge.domain.change.ChangeOutcome;
import io.syncbridge.domain.change.MutationId;
import io.syncbridge.domain.error.SyncError;
import io.syncbridge.domain.session.Session;

/** The answer to one change: accepted (applied or rebased), a duplicate of an earlier one, or rejected. */
public sealed interface ChangeResult {

    MutationId mutationId();

    /** Accepted now; {@code session} is the session right after it. */
    record Accepted(AppliedChange change, ChangeOutcome outcome, Session session) implements ChangeResult {
        public MutationId mutationId() {
            return change.mutationId();
        }

        public long version() {
            return change.version();
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
