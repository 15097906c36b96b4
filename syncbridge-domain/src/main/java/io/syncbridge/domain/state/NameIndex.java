package io.syncbridge.domain.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A persistent hash trie (HAMT) from member name to slot number: a put or remove copies the one path
 * to the name, at most seven small nodes, and shares the rest.
 *
 * <p>Each level consumes five bits of the name's hash; names whose whole hashes are equal share a
 * collision node.
 */
final class NameIndex {

    private static final int BITS = 5;
    private static final int MASK = (1 << BITS) - 1;
    /** The deepest level whose fragment still has hash bits in it (levels 0, 5, … 30 cover 32 bits). */
    private static final int LAST_SHIFT = 30;

    static final NameIndex EMPTY = new NameIndex(new Branch(0, new Object[0]));

    /** An inner node: a bit per fragment present, and a child (Entry, Collision or Branch) per bit. */
    private record Branch(int bitmap, Object[] children) {
    }

    private record Entry(String name, int hash, int slot) {
    }

    /** Entries whose names differ but whose hashes are equal. */
    private record Collision(int hash, Entry[] entries) {
    }

    private final Branch root;

    private NameIndex(Branch root) {
        this.root = root;
    }

    /** An index of the given names, each at its position in the list; no name may repeat. */
    static NameIndex of(List<String> names) {
        List<Entry> entries = new ArrayList<>(names.size());
        for (int slot = 0; slot < names.size(); slot++) {
            String name = names.get(slot);
            entries.add(new Entry(name, name.hashCode(), slot));
        }
        return new NameIndex(branchOf(entries, 0));
    }

    /** The slot of {@code name}, or -1. */
    int find(String name) {
        int hash = name.hashCode();
        Object node = root;
        int shift = 0;
        while (true) {
            switch (node) {
                case Branch branch -> {
                    int bit = 1 << ((hash >>> shift) & MASK);
                    if ((branch.bitmap & bit) == 0) {
                        return -1;
                    }
                    node = branch.children[Integer.bitCount(branch.bitmap & (bit - 1))];
                    shift += BITS;
                }
                case Entry entry -> {
                    return entry.hash == hash && entry.name.equals(name) ? entry.slot : -1;
                }
                case Collision collision -> {
                    if (collision.hash == hash) {
                        for (Entry entry : collision.entries) {
                            if (entry.name.equals(name)) {
                                return entry.slot;
                            }
                        }
                    }
                    return -1;
                }
                default -> throw new IllegalStateException("unknown node " + node);
            }
        }
    }

    /** An index with {@code name} at {@code slot}, added or moved. */
    NameIndex put(String name, int slot) {
        return new NameIndex(put(root, new Entry(name, name.hashCode(), slot), 0));
    }

    /** An index without {@code name}; this one when it had no such name. */
    NameIndex remove(String name) {
        Branch removed = (Branch) remove(root, name, name.hashCode(), 0);
        return removed == root ? this : new NameIndex(removed == null ? EMPTY.root : removed);
    }

    private static Branch put(Branch branch, Entry entry, int shift) {
        int bit = 1 << ((entry.hash >>> shift) & MASK);
        int position = Integer.bitCount(branch.bitmap & (bit - 1));
        if ((branch.bitmap & bit) == 0) {
            Object[] children = new Object[branch.children.length + 1];
            System.arraycopy(branch.children, 0, children, 0, position);
            children[position] = entry;
            System.arraycopy(branch.children, position, children, position + 1, branch.children.length - position);
            return new Branch(branch.bitmap | bit, children);
        }
        Object[] children = branch.children.clone();
        children[position] = putBelow(children[position], entry, shift + BITS);
        return new Branch(branch.bitmap, children);
    }

    private static Object putBelow(Object node, Entry entry, int shift) {
        return switch (node) {
            case Branch branch -> put(branch, entry, shift);
            case Entry existing when existing.name.equals(entry.name) -> entry;
            case Entry existing when existing.hash == entry.hash ->
                    new Collision(entry.hash, new Entry[] {existing, entry});
            case Entry existing -> split(existing, existing.hash, entry, shift);
            case Collision collision when collision.hash == entry.hash -> collisionWith(collision, entry);
            case Collision collision -> split(collision, collision.hash, entry, shift);
            default -> throw new IllegalStateException("unknown node " + node);
        };
    }

    /** The branch holding an existing node and a new entry whose hashes differ, as deep as they agree. */
    private static Branch split(Object existing, int existingHash, Entry entry, int shift) {
        int existingFragment = (existingHash >>> shift) & MASK;
        int entryFragment = (entry.hash >>> shift) & MASK;
        if (existingFragment == entryFragment) {
            return new Branch(1 << existingFragment, new Object[] {split(existing, existingHash, entry, shift + BITS)});
        }
        Object[] children = existingFragment < entryFragment
                ? new Object[] {existing, entry} : new Object[] {entry, existing};
        return new Branch((1 << existingFragment) | (1 << entryFragment), children);
    }

    private static Collision collisionWith(Collision collision, Entry entry) {
        Entry[] entries = collision.entries;
        for (int i = 0; i < entries.length; i++) {
            if (entries[i].name.equals(entry.name)) {
                Entry[] replaced = entries.clone();
                replaced[i] = entry;
                return new Collision(collision.hash, replaced);
            }
        }
        Entry[] added = Arrays.copyOf(entries, entries.length + 1);
        added[entries.length] = entry;
        return new Collision(collision.hash, added);
    }

    /** The node without the name: the same node when absent, null when nothing is left. */
    private static Object remove(Object node, String name, int hash, int shift) {
        return switch (node) {
            case Branch branch -> {
                int bit = 1 << ((hash >>> shift) & MASK);
                if ((branch.bitmap & bit) == 0) {
                    yield branch;
                }
                int position = Integer.bitCount(branch.bitmap & (bit - 1));
                Object child = branch.children[position];
                Object removed = remove(child, name, hash, shift + BITS);
                if (removed == child) {
                    yield branch;
                }
                if (removed != null) {
                    Object[] children = branch.children.clone();
                    children[position] = removed;
                    yield new Branch(branch.bitmap, children);
                }
                if (branch.children.length == 1) {
                    yield null;
                }
                Object[] children = new Object[branch.children.length - 1];
                System.arraycopy(branch.children, 0, children, 0, position);
                System.arraycopy(branch.children, position + 1, children, position, children.length - position);
                yield new Branch(branch.bitmap & ~bit, children);
            }
            case Entry entry -> entry.hash == hash && entry.name.equals(name) ? null : entry;
            case Collision collision -> {
                if (collision.hash != hash) {
                    yield collision;
                }
                Entry[] entries = collision.entries;
                for (int i = 0; i < entries.length; i++) {
                    if (entries[i].name.equals(name)) {
                        if (entries.length == 2) {
                            yield entries[1 - i];
                        }
                        Entry[] left = new Entry[entries.length - 1];
                        System.arraycopy(entries, 0, left, 0, i);
                        System.arraycopy(entries, i + 1, left, i, left.length - i);
                        yield new Collision(hash, left);
                    }
                }
                yield collision;
            }
            default -> throw new IllegalStateException("unknown node " + node);
        };
    }

    /** Builds the branch for entries that agree on every fragment above {@code shift}, in one pass per level. */
    private static Branch branchOf(List<Entry> entries, int shift) {
        @SuppressWarnings("unchecked")
        List<Entry>[] buckets = new List[1 << BITS];
        int bitmap = 0;
        for (Entry entry : entries) {
            int fragment = (entry.hash >>> shift) & MASK;
            if (buckets[fragment] == null) {
                buckets[fragment] = new ArrayList<>(2);
                bitmap |= 1 << fragment;
            }
            buckets[fragment].add(entry);
        }
        Object[] children = new Object[Integer.bitCount(bitmap)];
        int position = 0;
        for (List<Entry> bucket : buckets) {
            if (bucket != null) {
                children[position++] = nodeOf(bucket, shift + BITS);
            }
        }
        return new Branch(bitmap, children);
    }

    private static Object nodeOf(List<Entry> entries, int shift) {
        if (entries.size() == 1) {
            return entries.get(0);
        }
        if (shift > LAST_SHIFT) {
            // Every bit of the hash agreed on the way down: the names collide.
            return new Collision(entries.get(0).hash, entries.toArray(new Entry[0]));
        }
        return branchOf(entries, shift);
    }
}
