package io.syncbridge.domain.state;

import java.util.AbstractCollection;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The members of a {@link JsonObject}: an immutable, insertion-ordered map whose {@link #with} and
 * {@link #without} share all but one path with the original, so that a change to one member of a
 * large object costs the same as a change to a small one.
 *
 * <p>A small object (up to {@value #SCANNED_UP_TO} members, most of a state's values) keeps its
 * names and values side by side in one array, scanned to find a name: two objects in all, where
 * a trie of entries would take six or more. These objects live as long as the state holds them,
 * so their size is what each young collection copies.
 *
 * <p>A large object keeps its members in a {@link SlotTrie} in insertion order (a removed member
 * leaves an empty slot until the trie is compacted) and a {@link NameIndex} from name to slot.
 */
final class OrderedMembers extends AbstractMap<String, JsonValue> {

    /** Up to this many members a scan finds a name faster than a hash trie. */
    private static final int SCANNED_UP_TO = 8;

    static final OrderedMembers EMPTY = new OrderedMembers(new Object[0]);

    /** Small form: name, value, name, value... in insertion order; null in the large form. */
    private final Object[] pairs;
    /** Large form: a Map.Entry per member in insertion order, null where a member was removed. */
    private final SlotTrie slots;
    private final int size;
    /** Large form: name to slot. */
    private final NameIndex index;

    private OrderedMembers(Object[] pairs) {
        this.pairs = pairs;
        this.slots = null;
        this.size = pairs.length / 2;
        this.index = null;
    }

    private OrderedMembers(SlotTrie slots, int size, NameIndex index) {
        this.pairs = null;
        this.slots = slots;
        this.size = size;
        this.index = index;
    }

    /** The members of {@code members}, in its iteration order; null names or values are refused. */
    static OrderedMembers copyOf(Map<String, JsonValue> members) {
        if (members instanceof OrderedMembers ordered) {
            return ordered;
        }
        if (members.isEmpty()) {
            return EMPTY;
        }
        if (members.size() <= SCANNED_UP_TO) {
            Object[] pairs = new Object[2 * members.size()];
            int[] next = {0};
            members.forEach((name, value) -> {
                pairs[next[0]++] = Objects.requireNonNull(name, "member name");
                pairs[next[0]++] = Objects.requireNonNull(value, "member value");
            });
            return new OrderedMembers(pairs);
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
        if (pairs != null) {
            int at = pairIndexOf(name);
            return at < 0 ? null : (JsonValue) pairs[at + 1];
        }
        int slot = index.find(name);
        return slot < 0 ? null : entryAt(slot).getValue();
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    /** A copy with {@code name} set to {@code value}: in place when present, at the end when new. */
    OrderedMembers with(String name, JsonValue value) {
        if (pairs != null) {
            return smallWith(name, value);
        }
        Map.Entry<String, JsonValue> member = Map.entry(name, value);
        int slot = index.find(name);
        if (slot >= 0) {
            return entryAt(slot).getValue() == value ? this : new OrderedMembers(slots.set(slot, member), size, index);
        }
        return new OrderedMembers(slots.append(member), size + 1, index.put(name, slots.count()));
    }

    private OrderedMembers smallWith(String name, JsonValue value) {
        int at = pairIndexOf(name);
        if (at >= 0) {
            if (pairs[at + 1] == value) {
                return this;
            }
            Object[] changed = pairs.clone();
            changed[at + 1] = value;
            return new OrderedMembers(changed);
        }
        if (size < SCANNED_UP_TO) {
            Object[] grown = Arrays.copyOf(pairs, pairs.length + 2);
            grown[pairs.length] = name;
            grown[pairs.length + 1] = value;
            return new OrderedMembers(grown);
        }
        Object[] entries = new Object[size + 1];
        for (int i = 0; i < size; i++) {
            entries[i] = Map.entry((String) pairs[2 * i], (JsonValue) pairs[2 * i + 1]);
        }
        entries[size] = Map.entry(name, value);
        return compacted(entries, entries.length);
    }

    /** A copy without {@code name}; this map when it has no such member. */
    OrderedMembers without(String name) {
        if (pairs != null) {
            int at = pairIndexOf(name);
            if (at < 0) {
                return this;
            }
            if (size == 1) {
                return EMPTY;
            }
            Object[] shrunk = new Object[pairs.length - 2];
            System.arraycopy(pairs, 0, shrunk, 0, at);
            System.arraycopy(pairs, at + 2, shrunk, at, pairs.length - at - 2);
            return new OrderedMembers(shrunk);
        }
        int slot = index.find(name);
        if (slot < 0) {
            return this;
        }
        SlotTrie emptied = slots.set(slot, null);
        int left = size - 1;
        int empty = emptied.count() - left;
        // Rebuilt when half its slots are empty (amortised: O(1) a removal) or when it turns small.
        if (empty > left || left <= SCANNED_UP_TO) {
            return compacted(emptied.toArray(), emptied.count());
        }
        return new OrderedMembers(emptied, left, index.remove(name));
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super JsonValue> action) {
        Objects.requireNonNull(action, "action");
        if (pairs != null) {
            for (int i = 0; i < pairs.length; i += 2) {
                action.accept((String) pairs[i], (JsonValue) pairs[i + 1]);
            }
            return;
        }
        slots.forEach(slot -> {
            if (slot != null) {
                @SuppressWarnings("unchecked")
                Map.Entry<String, JsonValue> member = (Map.Entry<String, JsonValue>) slot;
                action.accept(member.getKey(), member.getValue());
            }
        });
    }

    /** A fresh view per call: a cached one would be kept, per object, as long as the state holds it. */
    @Override
    public Set<Map.Entry<String, JsonValue>> entrySet() {
        return new Members();
    }

    /** Not cached either (AbstractMap would keep it in a field of every object). */
    @Override
    public Set<String> keySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public boolean contains(Object name) {
                return containsKey(name);
            }

            @Override
            public Iterator<String> iterator() {
                return each(Map.Entry::getKey);
            }
        };
    }

    /** Not cached either. */
    @Override
    public Collection<JsonValue> values() {
        return new AbstractCollection<>() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Iterator<JsonValue> iterator() {
                return each(Map.Entry::getValue);
            }
        };
    }

    /** One part of each member, in order. */
    private <T> Iterator<T> each(Function<Map.Entry<String, JsonValue>, T> part) {
        Iterator<Map.Entry<String, JsonValue>> members = new Members().iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return members.hasNext();
            }

            @Override
            public T next() {
                return part.apply(members.next());
            }
        };
    }

    private int pairIndexOf(String name) {
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    @SuppressWarnings("unchecked")
    private Map.Entry<String, JsonValue> entryAt(int slot) {
        return (Map.Entry<String, JsonValue>) slots.get(slot);
    }

    /** A map of the non-null entries of {@code slots[0..count)}: small, or with no empty slot and indexed. */
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
        if (live <= SCANNED_UP_TO) {
            Object[] pairs = new Object[2 * live];
            for (int i = 0; i < live; i++) {
                Map.Entry<String, JsonValue> member = (Map.Entry<String, JsonValue>) slots[i];
                pairs[2 * i] = member.getKey();
                pairs[2 * i + 1] = member.getValue();
            }
            return new OrderedMembers(pairs);
        }
        List<String> names = new ArrayList<>(live);
        for (int i = 0; i < live; i++) {
            names.add(((Map.Entry<String, JsonValue>) slots[i]).getKey());
        }
        return new OrderedMembers(SlotTrie.of(slots, live), live, NameIndex.of(names));
    }

    /** The entry-set view: the pairs, or the slots in order skipping empty ones. */
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
            return pairs != null ? pairIterator() : slotIterator();
        }

        private Iterator<Map.Entry<String, JsonValue>> pairIterator() {
            Object[] snapshot = pairs;
            return new Iterator<>() {
                private int next;

                @Override
                public boolean hasNext() {
                    return next < snapshot.length;
                }

                @Override
                public Map.Entry<String, JsonValue> next() {
                    if (next >= snapshot.length) {
                        throw new NoSuchElementException();
                    }
                    Map.Entry<String, JsonValue> member = Map.entry((String) snapshot[next], (JsonValue) snapshot[next + 1]);
                    next += 2;
                    return member;
                }
            };
        }

        private Iterator<Map.Entry<String, JsonValue>> slotIterator() {
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
