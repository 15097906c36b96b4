package io.syncbridge.domain.state;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The state of a session: an immutable JSON object and the operations that produce the next one. */
public final class StateDocument {

    public static final StateDocument EMPTY = new StateDocument(JsonObject.EMPTY);

    private final JsonObject root;

    private StateDocument(JsonObject root) {
        this.root = Objects.requireNonNull(root, "root");
    }

    public static StateDocument of(JsonObject root) {
        return root.members().isEmpty() ? EMPTY : new StateDocument(root);
    }

    public JsonObject root() {
        return root;
    }

    public boolean isEmpty() {
        return root.members().isEmpty();
    }

    /**
     * Applies the operations in order, all or nothing, and checks the result against the limits.
     * Throws SyncError.InvalidPath, SyncError.InvalidState or SyncError.StateTooLarge.
     */
    public StateDocument apply(List<PatchOperation> operations, StateLimits limits) {
        throw new UnsupportedOperationException("TODO");
    }

    /** The node at the pointer, if there is one. */
    public Optional<JsonValue> valueAt(JsonPointer pointer) {
        throw new UnsupportedOperationException("TODO");
    }

    /** A stable checksum: "sha256:" + hex of the canonical (sorted keys) encoding. */
    public String checksum() {
        throw new UnsupportedOperationException("TODO");
    }

    /** Checks a whole document (a replace or a restore) against the limits. */
    public static StateDocument checked(JsonObject root, StateLimits limits) {
        throw new UnsupportedOperationException("TODO");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StateDocument that && root.equals(that.root);
    }

    @Override
    public int hashCode() {
        return root.hashCode();
    }

    @Override
    public String toString() {
        return "StateDocument" + root;
    }
}
