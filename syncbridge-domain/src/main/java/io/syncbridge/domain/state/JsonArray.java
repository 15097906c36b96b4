package io.syncbridge.domain.state;

import java.util.List;
import java.util.Objects;

/**
 * An immutable JSON array. Its copies share structure with it: replacing or appending an element
 * costs the same on a short array or a long one; inserting or removing in the middle copies once.
 */
public record JsonArray(List<JsonValue> elements) implements JsonValue {

    public static final JsonArray EMPTY = new JsonArray(ElementList.EMPTY);

    public JsonArray {
        elements = ElementList.copyOf(Objects.requireNonNull(elements, "elements"));
    }

    public int size() {
        return elements.size();
    }

    /** A copy with the element at {@code index} replaced by {@code value}. */
    public JsonArray with(int index, JsonValue value) {
        return new JsonArray(list().with(index, value));
    }

    /** A copy with {@code value} inserted at {@code index}; an index equal to the size appends. */
    public JsonArray withInserted(int index, JsonValue value) {
        return new JsonArray(list().inserted(index, value));
    }

    /** A copy without the element at {@code index}. */
    public JsonArray without(int index) {
        return new JsonArray(list().removed(index));
    }

    private ElementList list() {
        return (ElementList) elements;
    }
}
