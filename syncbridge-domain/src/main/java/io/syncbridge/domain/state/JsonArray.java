package io.syncbridge.domain.state;

import java.util.List;
import java.util.Objects;

/** An immutable JSON array. */
public record JsonArray(List<JsonValue> elements) implements JsonValue {

    public static final JsonArray EMPTY = new JsonArray(List.of());

    public JsonArray {
        elements = List.copyOf(Objects.requireNonNull(elements, "elements"));
    }

    public int size() {
        return elements.size();
    }
}
