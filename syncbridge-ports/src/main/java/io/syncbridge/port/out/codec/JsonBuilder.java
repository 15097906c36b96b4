package io.syncbridge.port.out.codec;

import io.syncbridge.domain.state.JsonArray;
import io.syncbridge.domain.state.JsonNull;
import io.syncbridge.domain.state.JsonObject;
import io.syncbridge.domain.state.JsonValue;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds a JSON object member by member, in order. */
final class JsonBuilder {

    private final Map<String, JsonValue> members = new LinkedHashMap<>();

    JsonBuilder put(String name, JsonValue value) {
        members.put(name, value);
        return this;
    }

    JsonBuilder put(String name, String value) {
        return put(name, JsonValue.of(value));
    }

    JsonBuilder put(String name, long value) {
        return put(name, JsonValue.of(value));
    }

    JsonBuilder put(String name, boolean value) {
        return put(name, JsonValue.of(value));
    }

    JsonBuilder put(String name, Instant value) {
        return put(name, value == null ? JsonNull.INSTANCE : JsonValue.of(value.toString()));
    }

    JsonBuilder putOptional(String name, Optional<?> value) {
        return put(name, value.map(v -> v instanceof Instant i ? JsonValue.of(i.toString()) : JsonValue.of(v.toString()))
                .orElse(JsonNull.INSTANCE));
    }

    JsonBuilder put(String name, List<? extends JsonValue> values) {
        return put(name, new JsonArray(List.copyOf(values)));
    }

    JsonObject build() {
        return new JsonObject(members);
    }
}
