package io.syncbridge.client;

import io.syncbridge.domain.error.PathConflict;
import io.syncbridge.domain.state.JsonObject;
import io.syncbridge.domain.state.PatchOperation;
import java.util.List;
import java.util.Objects;

/**
 * Decides what becomes of a pending change that conflicts: one whose paths another device changed
 * after the change was made (found by the domain's resolver on this client while catching up, or
 * answered as a Conflict by the server). Called on the client's event thread; keep it quick.
 *
 * <p>The default, {@link #REAPPLY}, keeps the local intent: the operations are applied again on
 * the newer state (last writer wins for the overlapping paths). {@link #DROP} keeps the server's
 * state and fails the change's future with a {@link ChangeRejectedException}.
 */
@FunctionalInterface
public interface ConflictHandler {

    Decision onConflict(Conflict conflict);

    ConflictHandler REAPPLY = conflict -> Decision.reapply();
    ConflictHandler DROP = conflict -> Decision.drop();

    /**
     * The conflicting change and what it met: the overlapping paths with their values now, and
     * the confirmed server state and version it would now apply on.
     */
    record Conflict(String mutationId, List<PatchOperation> operations, List<PathConflict> conflicts,
                    JsonObject serverState, long serverVersion) {
        public Conflict {
            operations = List.copyOf(operations);
            conflicts = List.copyOf(conflicts);
        }
    }

    /** Drop the change, apply it again as it is, or apply other operations instead (a custom merge). */
    sealed interface Decision {
        static Decision drop() {
            return Drop.INSTANCE;
        }

        static Decision reapply() {
            return Reapply.INSTANCE;
        }

        static Decision replaceWith(List<PatchOperation> operations) {
            return new Replace(operations);
        }

        enum Drop implements Decision { INSTANCE }

        enum Reapply implements Decision { INSTANCE }

        record Replace(List<PatchOperation> operations) implements Decision {
            public Replace {
                operations = List.copyOf(Objects.requireNonNull(operations, "operations"));
                if (operations.isEmpty()) {
                    throw new IllegalArgumentException("a replacement needs at least one operation");
                }
            }
        }
    }
}
