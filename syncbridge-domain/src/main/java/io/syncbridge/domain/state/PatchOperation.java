package io.syncbridge.domain.state;

import java.util.Objects;

/**
 * One operation of a change: RFC 6902 {@code add}, {@code replace} and {@code remove}, plus the v1
 * wire's top-level {@code SET} (add or replace a key) and {@code DELETE} (remove a key if present).
 */
public sealed interface PatchOperation {

    JsonPointer path();

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
