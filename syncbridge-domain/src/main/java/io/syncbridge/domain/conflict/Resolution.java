package io.syncbridge.domain.conflict;

import io.syncbridge.domain.change.ChangeOutcome;
import io.syncbridge.domain.error.PathConflict;
import java.util.List;
import java.util.Objects;

/** What a resolver decided about a change: apply it (as is or rebased), or reject it. */
public sealed interface Resolution {

    record Apply(ChangeOutcome outcome) implements Resolution {
        public Apply {
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /** Rejected; {@code conflicts} names the overlapping paths (empty when the policy is STRICT). */
    record Reject(List<PathConflict> conflicts) implements Resolution {
        public Reject {
            conflicts = List.copyOf(conflicts);
        }
    }
}
