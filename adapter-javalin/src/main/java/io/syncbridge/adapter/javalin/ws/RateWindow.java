package io.syncbridge.adapter.javalin.ws;

import java.time.Duration;
import java.time.Instant;

/** A fixed one-minute window of message permits for one connection (touched only by its worker). */
final class RateWindow {

    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final int permits;
    private Instant windowStart = Instant.MIN;
    private int used;

    RateWindow(int permitsPerMinute) {
        this.permits = permitsPerMinute;
    }

    /** Takes a permit at {@code now}; returns 0 when granted, else the seconds until the window resets. */
    long acquire(Instant now) {
        if (permits <= 0) {
            return 0;
        }
        if (windowStart == Instant.MIN || !now.isBefore(windowStart.plus(WINDOW))) {
            windowStart = now;
            used = 0;
        }
        if (used < permits) {
            used++;
            return 0;
        }
        long millis = Duration.between(now, windowStart.plus(WINDOW)).toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }
}
