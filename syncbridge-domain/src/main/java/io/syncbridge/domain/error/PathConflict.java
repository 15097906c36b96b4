package io.syncbridge.domain.error;

import io.syncbridge.domain.state.JsonPointer;
import io.syncbridge.domain.state.JsonValue;
import java.util.Objects;
import java.util.Optional;

/** A path a rejected change touched that a newer change touched too, with its value now (empty when absent). */
public record PathConflict(JsonPointer path, Optional<JsonValue> currentValue) {
    public PathConflict {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(currentValue, "currentValue");
    }
}
