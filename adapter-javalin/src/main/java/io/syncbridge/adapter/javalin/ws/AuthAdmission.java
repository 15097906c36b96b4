package io.syncbridge.adapter.javalin.ws;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds how many WebSocket authentications run at once. When thousands of devices reconnect
 * together (a node restarted, a network came back), each authentication makes a dozen store
 * calls; run all at once they exhausted the Redis pool and most failed as time-outs
 * (DEPENDENCY_DOWN), while queued in turn they all get through at the rate the stores allow.
 * A device that waits longer than the bound is refused at once with RATE_LIMITED, never left
 * to time out.
 */
final class AuthAdmission {

    /** How long an authentication may wait for its turn: well inside a client's usual 30 s connect time-out. */
    static final Duration WAIT = Duration.ofSeconds(10);

    private final Semaphore slots;
    private final long waitNanos;

    AuthAdmission(int concurrent, Duration wait) {
        if (concurrent < 1 || wait.isNegative()) {
            throw new IllegalArgumentException("concurrent must be positive and wait not negative");
        }
        this.slots = new Semaphore(concurrent, true); // fair: the devices that came first go first
        this.waitNanos = wait.toNanos();
    }

    /** Enough to keep the cores and a 32-connection store pool busy, not so many that they queue on the pool. */
    static AuthAdmission forThisMachine() {
        return new AuthAdmission(Math.min(64, 8 * Runtime.getRuntime().availableProcessors()), WAIT);
    }

    /** Takes a turn, waiting up to the bound; false when none came (the caller refuses the authentication). */
    boolean enter() {
        try {
            return slots.tryAcquire(waitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Gives the turn back; once per {@link #enter()} that returned true. */
    void leave() {
        slots.release();
    }
}
