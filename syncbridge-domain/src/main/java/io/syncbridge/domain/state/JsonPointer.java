package io.syncbridge.domain.state;

import java.util.List;

/** An RFC 6901 JSON Pointer: the address of a node in a state document. */
public record JsonPointer(List<String> tokens) {

    public static final JsonPointer ROOT = new JsonPointer(List.of());

    public JsonPointer {
        tokens = List.copyOf(tokens);
    }

    /** Parses pointer text ("" is the root, otherwise it starts with '/'); throws SyncError.InvalidPath. */
    public static JsonPointer parse(String text) {
        throw new UnsupportedOperationException("TODO");
    }

    /** The pointer to a top-level member (the v1 wire's key). */
    public static JsonPointer ofKey(String key) {
        return new JsonPointer(List.of(key));
    }

    public boolean isRoot() {
        return tokens.isEmpty();
    }

    /** The parent pointer; the root has none (throws). */
    public JsonPointer parent() {
        throw new UnsupportedOperationException("TODO");
    }

    /** The last reference token; the root has none (throws). */
    public String lastToken() {
        throw new UnsupportedOperationException("TODO");
    }

    /** True when this is {@code other}, an ancestor of it or a descendant of it. */
    public boolean overlaps(JsonPointer other) {
        throw new UnsupportedOperationException("TODO");
    }

    /** The pointer text with ~0 / ~1 escapes. */
    @Override
    public String toString() {
        throw new UnsupportedOperationException("TODO");
    }
}
