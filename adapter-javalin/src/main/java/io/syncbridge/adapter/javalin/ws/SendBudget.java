package io.syncbridge.adapter.javalin.ws;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The process-wide cap on bytes waiting in send queues: every connection's outbox reserves the
 * size of each frame it queues and gives it back once the frame is written or dropped, so that
 * clients that do not read cannot together hold more than this, however many they are.
 */
final class SendBudget {

    private final long limitBytes;
    private final AtomicLong queuedBytes = new AtomicLong();

    SendBudget(long limitBytes) {
        this.limitBytes = Math.max(1, limitBytes);
    }

    /** A quarter of the heap the JVM may grow to: room for everything else the server holds. */
    static SendBudget ofHeap() {
        return new SendBudget(Runtime.getRuntime().maxMemory() / 4);
    }

    /** Reserves {@code bytes}; false (nothing reserved) when that would pass the cap. */
    boolean tryReserve(long bytes) {
        while (true) {
            long now = queuedBytes.get();
            if (now + bytes > limitBytes) {
                return false;
            }
            if (queuedBytes.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    /** Reserves {@code bytes} whatever the total: the one frame a connection with an empty queue may hold. */
    void reserve(long bytes) {
        queuedBytes.addAndGet(bytes);
    }

    void release(long bytes) {
        queuedBytes.addAndGet(-bytes);
    }

    long queuedBytes() {
        return queuedBytes.get();
    }

    long limitBytes() {
        return limitBytes;
    }
}
