package io.syncbridge.domain.state;

import java.util.AbstractList;
import java.util.Collection;
import java.util.Iterator;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.function.Consumer;

/**
 * The elements of a {@link JsonArray}: an immutable list on a {@link SlotTrie}, so that replacing or
 * appending one element of a long array copies one path, not the array. Inserting or removing in
 * the middle shifts the elements after it, so it copies the list once.
 */
final class ElementList extends AbstractList<JsonValue> implements RandomAccess {

    static final ElementList EMPTY = new ElementList(SlotTrie.EMPTY);

    private final SlotTrie slots;

    private ElementList(SlotTrie slots) {
        this.slots = slots;
    }

    /** The elements of {@code elements}, in order; null elements are refused. */
    static ElementList copyOf(Collection<? extends JsonValue> elements) {
        if (elements instanceof ElementList list) {
            return list;
        }
        Object[] copy = elements.toArray();
        for (Object element : copy) {
            Objects.requireNonNull(element, "array element");
        }
        return copy.length == 0 ? EMPTY : new ElementList(SlotTrie.of(copy, copy.length));
    }

    @Override
    public JsonValue get(int index) {
        return (JsonValue) slots.get(index);
    }

    @Override
    public int size() {
        return slots.count();
    }

    /** A copy with the element at {@code index} replaced. */
    ElementList with(int index, JsonValue value) {
        return new ElementList(slots.set(index, Objects.requireNonNull(value, "array element")));
    }

    /** A copy with {@code value} inserted at {@code index} (at the end when it equals the size). */
    ElementList inserted(int index, JsonValue value) {
        Objects.requireNonNull(value, "array element");
        int size = size();
        if (index == size) {
            return new ElementList(slots.append(value));
        }
        Objects.checkIndex(index, size);
        Object[] shifted = new Object[size + 1];
        Object[] current = slots.toArray();
        System.arraycopy(current, 0, shifted, 0, index);
        shifted[index] = value;
        System.arraycopy(current, index, shifted, index + 1, size - index);
        return new ElementList(SlotTrie.of(shifted, shifted.length));
    }

    /** A copy without the element at {@code index}. */
    ElementList removed(int index) {
        Objects.checkIndex(index, size());
        Object[] current = slots.toArray();
        System.arraycopy(current, index + 1, current, index, current.length - index - 1);
        return current.length == 1 ? EMPTY : new ElementList(SlotTrie.of(current, current.length - 1));
    }

    @Override
    @SuppressWarnings("unchecked")
    public Iterator<JsonValue> iterator() {
        Iterator<?> elements = slots.iterator();
        return (Iterator<JsonValue>) elements;
    }

    @Override
    public void forEach(Consumer<? super JsonValue> action) {
        Objects.requireNonNull(action, "action");
        slots.forEach(element -> action.accept((JsonValue) element));
    }
}
