package io.syncbridge.domain.state;

import java.util.List;
import java.util.Objects;

/**
 * One operation of a change: the six of RFC 6902 ({@code add}, {@code remove}, {@code replace},
 * {@code move}, {@code copy}, {@code test}), plus the v1 wire's top-level {@code SET} (add or
 * replace a key) and {@code DELETE} (remove a key if present).
 */
public sealed interface PatchOperation {

    /** The target location ({@code path} in RFC 6902). */
    JsonPointer path();

    /** Every location the operation reads or writes: {@code from} and {@code path} for move and copy. */
    default List<JsonPointer> paths() {
        return List.of(path());
    }

    /** RFC 6902 add: creates or replaces an object member, inserts into an array ("-" appends). */
    record Add(JsonPointer path, JsonValue value) implements PatchOperation {
        public Add {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(value, "value");
        }
    }

    /** RFC 6902 replace: the target must exist. */
    record Replace(JsonPointer path, JsonValue value) implements PatchOperation {
        public Replace {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(value, "value");
        }
    }

    /** RFC 6902 remove: the target must exist. */
    record Remove(JsonPointer path) implements PatchOperation {
        public Remove {
            Objects.requireNonNull(path, "path");
        }
    }

    /**
     * RFC 6902 move: removes the value at {@code from} and adds it at {@code path}. {@code from}
     * must exist and must not be a proper prefix of {@code path} (a value cannot move into itself).
     */
    record Move(JsonPointer from, JsonPointer path) implements PatchOperation {
        public Move {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(path, "path");
        }

        @Override
        public List<JsonPointer> paths() {
            return List.of(from, path);
        }
    }

    /** RFC 6902 copy: adds a copy of the value at {@code from} (which must exist) at {@code path}. */
    record Copy(JsonPointer from, JsonPointer path) implements PatchOperation {
        public Copy {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(path, "path");
        }

        @Override
        public List<JsonPointer> paths() {
            return List.of(from, path);
        }
    }

    /**
     * RFC 6902 test: the value at {@code path} must exist and equal {@code value} (numbers by value,
     * objects whatever their member order, arrays element by element); otherwise the whole change fails.
     */
    record Test(JsonPointer path, JsonValue value) implements PatchOperation {
        public Test {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(value, "value");
        }
    }

    /** v1 SET: sets a top-level key, whether or not it exists. */
    record SetKey(String key, JsonValue value) implements PatchOperation {
        public SetKey {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public JsonPointer path() {
            return JsonPointer.ofKey(key);
        }
    }

    /** v1 DELETE: removes a top-level key; a key that is absent is not an error. */
    record DeleteKey(String key) implements PatchOperation {
        public DeleteKey {
            Objects.requireNonNull(key, "key");
        }

        @Override
        public JsonPointer path() {
            return JsonPointer.ofKey(key);
        }
    }
}
