package io.syncbridge.inmemory;

import java.util.ArrayDeque;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs the tasks given to it one at a time, in the order they were queued, on the threads that
 * queue them, and holds no lock while a task runs: a task that queues another (a listener that
 * publishes) neither deadlocks nor overtakes the tasks queued before it.
 */
final class SerialDelivery {

    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private boolean draining;

    /**
     * Queues a task without running it. Callers that must keep an order of their own queue while
     * holding the lock that defines that order, release it, and then call {@link #drain()}.
     */
    void enqueue(Runnable task) {
        lock.lock();
        try {
            queue.addLast(task);
        } finally {
            lock.unlock();
        }
    }

    /** Queues a task and runs the queue, unless another thread is already running it. */
    void submit(Runnable task) {
        enqueue(task);
        drain();
    }

    /**
     * Runs queued tasks until the queue is empty. Returns at once when another thread is running
     * them: that thread will also run whatever was queued before this call.
     */
    void drain() {
        lock.lock();
        try {
            if (draining) {
                return;
            }
            draining = true;
        } finally {
            lock.unlock();
        }
        while (true) {
            Runnable next;
            lock.lock();
            try {
                next = queue.pollFirst();
                if (next == null) {
                    draining = false;
                    return;
                }
            } finally {
                lock.unlock();
            }
            boolean ran = false;
            try {
                next.run();
                ran = true;
            } finally {
                if (!ran) {
                    // A task that throws gives up the turn so that the next drain() carries on.
                    lock.lock();
                    try {
                        draining = false;
                    } finally {
                        lock.unlock();
                    }
                }
            }
        }
    }
}
