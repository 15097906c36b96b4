package io.syncbridge.domain.state;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable JSON object; members keep their insertion order. Its copies share structure with it:
 * {@link #with} and {@link #without} cost the same on an object of ten members or ten thousand.
 */
public record JsonObject(Map<String, JsonValue> members) implements JsonValue {

    public static final JsonObject EMPTY = new JsonObject(OrderedMembers.EMPTY);

    public JsonObject {
        members = OrderedMembers.copyOf(Objects.requireNonNull(members, "members"));
    }

    public Optional<JsonValue> get(String name) {
        return Optional.ofNullable(members.get(name));
    }

    public int size() {
        return members.size();
    }

    /** A copy with {@code name} set to {@code value} (added at the end when new, in place when present). */
    public JsonObject with(String name, JsonValue value) {
        OrderedMembers changed = ordered().with(Objects.requireNonNull(name, "member name"),
                Objects.requireNonNull(value, "member value"));
        return changed == members ? this : new JsonObject(changed);
    }

    /** A copy without {@code name}; the same object when it had no such member. */
    public JsonObject without(String name) {
        OrderedMembers changed = ordered().without(name);
        return changed == members ? this : new JsonObject(changed);
    }

    private OrderedMembers ordered() {
        return (OrderedMembers) members;
    }
}
