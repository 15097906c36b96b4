package io.syncbridge.domain.state;

import io.syncbridge.domain.error.SyncError;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The state of a session: an immutable JSON object and the operations that produce the next one. */
public final class StateDocument {

    public static final StateDocument EMPTY = new StateDocument(JsonObject.EMPTY);

    private final JsonObject root;

    // Computed on first use. Plain fields suffice: the values are immutable and recomputing is harmless.
    private Measure measure;
    private String checksum;

    private StateDocument(JsonObject root) {
        this(root, null);
    }

    private StateDocument(JsonObject root, Measure measure) {
        this.root = Objects.requireNonNull(root, "root");
        this.measure = measure;
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
        Objects.requireNonNull(limits, "limits");
        Measure before = measure();
        // The applier works on immutable trees: when an operation throws, this document is untouched.
        PatchApplier applier = new PatchApplier(root, before.bytes(), before.depthBound());
        for (PatchOperation operation : operations) {
            applier.apply(Objects.requireNonNull(operation, "operation"));
        }
        return withinLimits(applier.root(), new Measure(applier.bytes(), applier.depthBound()), limits);
    }

    /** The node at the pointer, if there is one. */
    public Optional<JsonValue> valueAt(JsonPointer pointer) {
        JsonValue node = root;
        for (String token : pointer.tokens()) {
            node = switch (node) {
                case JsonObject object -> object.members().get(token);
                case JsonArray array -> {
                    long index = ArrayIndex.parse(token);
                    yield index >= 0 && index < array.size() ? array.elements().get((int) index) : null;
                }
                default -> null;
            };
            if (node == null) {
                return Optional.empty();
            }
        }
        return Optional.of(node);
    }

    /** A stable checksum: "sha256:" + hex of the canonical (sorted keys) encoding. */
    public String checksum() {
        String value = checksum;
        if (value == null) {
            value = "sha256:" + sha256Hex(JsonCodec.writeCanonical(root));
            checksum = value;
        }
        return value;
    }

    /** Checks a whole document (a replace or a restore) against the limits. */
    public static StateDocument checked(JsonObject root, StateLimits limits) {
        Objects.requireNonNull(root, "root");
        return withinLimits(root, Measure.of(root), Objects.requireNonNull(limits, "limits"));
    }

    /** The UTF-8 size of the compact encoding, as tracked through {@link #apply}. */
    public long encodedSize() {
        return measure().bytes();
    }

    private static StateDocument withinLimits(JsonObject root, Measure measure, StateLimits limits) {
        if (measure.bytes() > limits.maxBytes()) {
            throw new SyncError.StateTooLarge("State would be " + measure.bytes()
                    + " bytes encoded; the limit is " + limits.maxBytes());
        }
        Measure known = measure;
        if (measure.depthBound() > limits.maxDepth()) {
            // The bound can overstate (a deep value added then removed): only the real depth may refuse.
            int depth = JsonMetrics.depth(root);
            if (depth > limits.maxDepth()) {
                throw new SyncError.StateTooLarge("State would nest " + depth
                        + " levels deep; the limit is " + limits.maxDepth());
            }
            known = new Measure(measure.bytes(), depth);
        }
        return root.members().isEmpty() ? EMPTY : new StateDocument(root, known);
    }

    private Measure measure() {
        Measure value = measure;
        if (value == null) {
            value = Measure.of(root);
            measure = value;
        }
        return value;
    }

    private static String sha256Hex(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform provides SHA-256", e);
        }
    }

    /** The exact encoded size and an upper bound on the depth (exact when measured from scratch). */
    private record Measure(long bytes, int depthBound) {
        static Measure of(JsonObject root) {
            return new Measure(JsonMetrics.byteLength(root), JsonMetrics.depth(root));
        }
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
