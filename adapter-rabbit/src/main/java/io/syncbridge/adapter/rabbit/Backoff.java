package io.syncbridge.adapter.rabbit;

import java.time.Duration;
import java.util.Objects;

/** Exponential backoff between failed delivery attempts: {@code min}, doubling, never above {@code max}. */
record Backoff(Duration min, Duration max) {

    Backoff {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
    }

    /** The wait after {@code consecutiveFailures} failed attempts in a row (zero when none failed). */
    Duration after(int consecutiveFailures) {
        if (consecutiveFailures <= 0) {
            return Duration.ZERO;
        }
        // Beyond 2^30 any sane min is past max anyway; the cap keeps the shift from overflowing.
        int doublings = Math.min(consecutiveFailures - 1, 30);
        long millis = min.toMillis();
        long maxMillis = max.toMillis();
        long delay = millis > (maxMillis >> doublings) ? maxMillis : millis << doublings;
        return Duration.ofMillis(Math.min(delay, maxMillis));
    }
}
