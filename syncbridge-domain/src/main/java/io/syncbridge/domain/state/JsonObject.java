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
        // A map built by with/without is already checked and has no other holder: wrapped, not copied again.
        members = Collections.unmodifiableMap(members instanceof OwnedMembers owned ? owned : checkedCopy(members));
    }

    private static Map<String, JsonValue> checkedCopy(Map<String, JsonValue> members) {
        LinkedHashMap<String, JsonValue> copy = new LinkedHashMap<>(members.size());
        members.forEach((key, value) -> copy.put(Objects.requireNonNull(key, "member name"),
                Objects.requireNonNull(value, "member value")));
        return copy;
    }

    public Optional<JsonValue> get(String name) {
        return Optional.ofNullable(members.get(name));
    }

    public int size() {
        return members.size();
    }

    /** A copy with {@code name} set to {@code value} (added at the end when new, in place when present). */
    public JsonObject with(String name, JsonValue value) {
        OwnedMembers copy = new OwnedMembers(members);
        copy.put(Objects.requireNonNull(name, "member name"), Objects.requireNonNull(value, "member value"));
        return new JsonObject(copy);
    }

    /** A copy without {@code name}; the same object when it had no such member. */
    public JsonObject without(String name) {
        if (!members.containsKey(name)) {
            return this;
        }
        OwnedMembers copy = new OwnedMembers(members);
        copy.remove(name);
        return new JsonObject(copy);
    }

    /** Members copied by this class from a checked object: no null names or values, and no other holder. */
    private static final class OwnedMembers extends LinkedHashMap<String, JsonValue> {
        private static final long serialVersionUID = 1L;

        OwnedMembers(Map<String, JsonValue> checked) {
            super(checked);
        }
    }
}
