package io.syncbridge.domain.state;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** An immutable JSON object; members keep their insertion order. */
public record JsonObject(Map<String, JsonValue> members) implements JsonValue {

    public static final JsonObject EMPTY = new JsonObject(Map.of());

    public JsonObject {
        Objects.requireNonNull(members, "members");
        LinkedHashMap<String, JsonValue> copy = new LinkedHashMap<>(members.size());
        members.forEach((key, value) -> copy.put(Objects.requireNonNull(key, "member name"),
                Objects.requireNonNull(value, "member value")));
        members = Collections.unmodifiableMap(copy);
    }

    public Optional<JsonValue> get(String name) {
        return Optional.ofNullable(members.get(name));
    }

    public int size() {
        return members.size();
    }

    /** A copy with {@code name} set to {@code value} (added at the end when new, in place when present). */
    public JsonObject with(String name, JsonValue value) {
        LinkedHashMap<String, JsonValue> copy = new LinkedHashMap<>(members);
        copy.put(name, value);
        return new JsonObject(copy);
    }

    /** A copy without {@code name}; the same object when it had no such member. */
    public JsonObject without(String name) {
        if (!members.containsKey(name)) {
            return this;
        }
        LinkedHashMap<String, JsonValue> copy = new LinkedHashMap<>(members);
        copy.remove(name);
        return new JsonObject(copy);
    }
}
