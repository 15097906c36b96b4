package io.syncbridge.adapter.redis;

import java.util.ArrayDeque;

/**
 * A queue drained by one task at a time: whoever adds to an idle queue is told to start the
 * drain, and the drain releases the queue when it finds it empty. Keeps per-session order on a
 * shared pool of threads.
 */
final class DrainQueue<T> {

    private final ArrayDeque<T> items = new ArrayDeque<>();
    private boolean draining;

    /** Adds an item; true when the caller must start a drain. */
    synchronized boolean offerAndClaim(T item) {
        items.add(item);
        if (draining) {
            return false;
        }
        draining = true;
        return true;
    }

    /** The next item, or null having released the queue to the next {@link #offerAndClaim}. */
    synchronized T pollOrRelease() {
        T next = items.poll();
        if (next == null) {
            draining = false;
        }
        return next;
    }
}
