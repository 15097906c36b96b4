package io.syncbridge.port.out;

import java.time.Duration;

/** Driven port: counts requests per key in fixed windows, shared by every node. */
public interface RateLimiter {

    /** Takes one permit for {@code key} under {@code limit}. */
    Decision tryAcquire(String key, Limit limit);

    /** At most {@code permits} per {@code window}. */
    record Limit(int permits, Duration window) {
        public Limit {
            if (permits < 1) {
                throw new IllegalArgumentException("permits must be at least 1");
            }
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("window must be positive");
            }
        }
    }

    /** Whether the permit was granted, what is left, and the seconds until the window resets. */
    record Decision(boolean allowed, int limit, int remaining, long resetSeconds) {
    }
}
