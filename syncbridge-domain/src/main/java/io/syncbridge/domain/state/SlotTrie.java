package io.syncbridge.domain.state;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

/**
 * A persistent vector of slots, a 32-way trie: {@link #set} and {@link #append} copy the one path to
 * the slot (at most 32 references per level) and share everything else with the original.
 *
 * <p>Nodes are sized to what they hold, so a vector of up to 32 slots is one exact-size array.
 */
final class SlotTrie {

    private static final int BITS = 5;
    private static final int WIDTH = 1 << BITS;
    private static final int MASK = WIDTH - 1;
    private static final Object[] NO_SLOTS = new Object[0];

    static final SlotTrie EMPTY = new SlotTrie(NO_SLOTS, 0, 0);

    private final Object[] root;
    /** The bit shift of the root's level: 0 when the root is itself a leaf. */
    private final int shift;
    private final int count;

    private SlotTrie(Object[] root, int shift, int count) {
        this.root = root;
        this.shift = shift;
        this.count = count;
    }

    /** A trie holding {@code slots[0..count)} in order, built bottom-up (no path copies). */
    static SlotTrie of(Object[] slots, int count) {
        if (count == 0) {
            return EMPTY;
        }
        Object[] level = chunk(slots, count);
        int levelShift = 0;
        while (level.length > 1) {
            level = chunk(level, level.length);
            levelShift += BITS;
        }
        return new SlotTrie((Object[]) level[0], levelShift, count);
    }

    int count() {
        return count;
    }

    Object get(int index) {
        return leafFor(checked(index))[index & MASK];
    }

    SlotTrie set(int index, Object value) {
        return new SlotTrie(setIn(root, shift, checked(index), value), shift, count);
    }

    SlotTrie append(Object value) {
        if (count == capacity(shift)) {
            // The root is full: it becomes the first child of a new, higher root.
            Object[] grown = {root};
            return new SlotTrie(appendIn(grown, shift + BITS, count, value), shift + BITS, count + 1);
        }
        return new SlotTrie(appendIn(root, shift, count, value), shift, count + 1);
    }

    /** The slots in order, into a new array of {@link #count} elements. */
    Object[] toArray() {
        Object[] slots = new Object[count];
        int[] next = {0};
        forEach(slot -> slots[next[0]++] = slot);
        return slots;
    }

    void forEach(Consumer<Object> action) {
        forEachIn(root, shift, action);
    }

    Iterator<Object> iterator() {
        return new Iterator<>() {
            private int index;
            private Object[] leaf;

            @Override
            public boolean hasNext() {
                return index < count;
            }

            @Override
            public Object next() {
                if (index >= count) {
                    throw new NoSuchElementException();
                }
                if ((index & MASK) == 0 || leaf == null) {
                    leaf = leafFor(index);
                }
                return leaf[index++ & MASK];
            }
        };
    }

    private Object[] leafFor(int index) {
        Object[] node = root;
        for (int level = shift; level > 0; level -= BITS) {
            node = (Object[]) node[(index >>> level) & MASK];
        }
        return node;
    }

    private int checked(int index) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("Index " + index + " out of bounds for length " + count);
        }
        return index;
    }

    private static long capacity(int shift) {
        return 1L << (shift + BITS);
    }

    private static Object[] setIn(Object[] node, int level, int index, Object value) {
        Object[] copy = node.clone();
        if (level == 0) {
            copy[index & MASK] = value;
        } else {
            int child = (index >>> level) & MASK;
            copy[child] = setIn((Object[]) node[child], level - BITS, index, value);
        }
        return copy;
    }

    private static Object[] appendIn(Object[] node, int level, int index, Object value) {
        int child = (index >>> level) & MASK;
        Object[] copy = Arrays.copyOf(node, Math.max(node.length, child + 1));
        copy[child] = level == 0 ? value
                : appendIn(child < node.length ? (Object[]) node[child] : NO_SLOTS, level - BITS, index, value);
        return copy;
    }

    private static void forEachIn(Object[] node, int level, Consumer<Object> action) {
        if (level == 0) {
            for (Object slot : node) {
                action.accept(slot);
            }
            return;
        }
        for (Object child : node) {
            forEachIn((Object[]) child, level - BITS, action);
        }
    }

    /** Groups {@code items[0..count)} into nodes of up to 32, the last one exact-size. */
    private static Object[] chunk(Object[] items, int count) {
        Object[] nodes = new Object[(count + MASK) >>> BITS];
        for (int node = 0; node < nodes.length; node++) {
            int from = node << BITS;
            nodes[node] = Arrays.copyOfRange(items, from, Math.min(count, from + WIDTH));
        }
        return nodes;
    }
}
