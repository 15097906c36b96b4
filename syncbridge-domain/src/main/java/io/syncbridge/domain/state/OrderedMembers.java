package io.syncbridge.domain.state;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The members of a {@link JsonObject}: an immutable, insertion-ordered map whose {@link #with} and
 * {@link #without} share all but one path with the original, so that a change to one member of a
 * large object costs the same as a change to a small one.
 *
 * <p>The members sit in a {@link SlotTrie} in insertion order (a removed member leaves an empty
 * slot until the trie is compacted); a {@link NameIndex} finds a name's slot once the object is too
 * large to scan.
 */
final class OrderedMembers extends AbstractMap<String, JsonValue> {

    /** Up to this many members a scan of the slots finds a name faster than a hash trie. */
    private static final int SCANNED_UP_TO = 8;

    static final OrderedMembers EMPTY = new OrderedMembers(SlotTrie.EMPTY, 0, null);

    /** Map.Entry per member, in insertion order; null where a member was removed. */
    private final SlotTrie slots;
    private final int size;
    /** Name to slot; null while the object is small, and then no slot is empty. */
    private final NameIndex index;
    private Set<Map.Entry<String, JsonValue>> entrySet;

    private OrderedMembers(SlotTrie slots, int size, NameIndex index) {
        this.slots = slots;
        this.size = size;
        this.index = index;
    }

    /** The members of {@code members}, in its iteration order; null names or values are refused. */
    static OrderedMembers copyOf(Map<String, JsonValue> members) {
        if (members instanceof OrderedMembers ordered) {
            return ordered;
        }
        Object[] entries = new Object[members.size()];
        int[] next = {0};
        members.forEach((name, value) -> entries[next[0]++] = Map.entry(Objects.requireNonNull(name, "member name"),
                Objects.requireNonNull(value, "member value")));
        return compacted(entries, next[0]);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public JsonValue get(Object key) {
        if (!(key instanceof String name)) {
            return null;
        }
        int slot = slotOf(name);
        return slot < 0 ? null : entryAt(slot).getValue();
    }

    @Override
    public boolean containsKey(Object key) {
        return key instanceof String name && slotOf(name) >= 0;
    }

    /** A copy with {@code name} set to {@code value}: in place when present, at the end when new. */
    OrderedMembers with(String name, JsonValue value) {
        Map.Entry<String, JsonValue> member = Map.entry(name, value);
        int slot = slotOf(name);
        if (slot >= 0) {
            return entryAt(slot).getValue() == value ? this : new OrderedMembers(slots.set(slot, member), size, index);
        }
        SlotTrie appended = slots.append(member);
        if (index != null) {
            return new OrderedMembers(appended, size + 1, index.put(name, slots.count()));
        }
        return size + 1 > SCANNED_UP_TO ? compacted(appended.toArray(), appended.count())
                : new OrderedMembers(appended, size + 1, null);
    }

    /** A copy without {@code name}; this map when it has no such member. */
    OrderedMembers without(String name) {
        int slot = slotOf(name);
        if (slot < 0) {
            return this;
        }
        SlotTrie emptied = slots.set(slot, null);
        int left = size - 1;
        int empty = emptied.count() - left;
        // A small map is rebuilt at once; a large one when half its slots are empty (amortised: O(1) a removal).
        if (index == null || empty > left) {
            return compacted(emptied.toArray(), emptied.count());
        }
        return new OrderedMembers(emptied, left, index.remove(name));
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super JsonValue> action) {
        Objects.requireNonNull(action, "action");
        slots.forEach(slot -> {
            if (slot != null) {
                @SuppressWarnings("unchecked")
                Map.Entry<String, JsonValue> member = (Map.Entry<String, JsonValue>) slot;
                action.accept(member.getKey(), member.getValue());
            }
        });
    }

    @Override
    public Set<Map.Entry<String, JsonValue>> entrySet() {
        Set<Map.Entry<String, JsonValue>> view = entrySet;
        if (view == null) {
            view = new Members();
            entrySet = view;
        }
        return view;
    }

    private int slotOf(String name) {
        if (index != null) {
            return index.find(name);
        }
        for (int slot = 0; slot < size; slot++) {
            if (entryAt(slot).getKey().equals(name)) {
                return slot;
            }
        }
        return -1;
    }

    @SuppressWarnings("unchecked")
    private Map.Entry<String, JsonValue> entryAt(int slot) {
        return (Map.Entry<String, JsonValue>) slots.get(slot);
    }

    /** A map of the non-null entries of {@code slots[0..count)}, with no empty slot, indexed when large. */
    @SuppressWarnings("unchecked")
    private static OrderedMembers compacted(Object[] slots, int count) {
        int live = 0;
        for (int i = 0; i < count; i++) {
            if (slots[i] != null) {
                slots[live++] = slots[i];
            }
        }
        if (live == 0) {
            return EMPTY;
        }
        NameIndex index = null;
        if (live > SCANNED_UP_TO) {
            List<String> names = new ArrayList<>(live);
            for (int i = 0; i < live; i++) {
                names.add(((Map.Entry<String, JsonValue>) slots[i]).getKey());
            }
            index = NameIndex.of(names);
        }
        return new OrderedMembers(SlotTrie.of(slots, live), live, index);
    }

    /** The entry-set view: iterates the slots in order, skipping empty ones. */
    private final class Members extends AbstractSet<Map.Entry<String, JsonValue>> {
        @Override
        public int size() {
            return size;
        }

        @Override
        public boolean contains(Object candidate) {
            return candidate instanceof Map.Entry<?, ?> entry && entry.getKey() instanceof String name
                    && entry.getValue() != null && entry.getValue().equals(get(name));
        }

        @Override
        public Iterator<Map.Entry<String, JsonValue>> iterator() {
            Iterator<Object> slotIterator = slots.iterator();
            return new Iterator<>() {
                private Map.Entry<String, JsonValue> next = advance();

                @SuppressWarnings("unchecked")
                private Map.Entry<String, JsonValue> advance() {
                    while (slotIterator.hasNext()) {
                        Object slot = slotIterator.next();
                        if (slot != null) {
                            return (Map.Entry<String, JsonValue>) slot;
                        }
                    }
                    return null;
                }

                @Override
                public boolean hasNext() {
                    return next != null;
                }

                @Override
                public Map.Entry<String, JsonValue> next() {
                    Map.Entry<String, JsonValue> current = next;
                    if (current == null) {
                        throw new NoSuchElementException();
                    }
                    next = advance();
                    return current;
                }
            };
        }
    }
}
