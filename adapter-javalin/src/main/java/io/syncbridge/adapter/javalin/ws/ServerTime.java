package io.syncbridge.adapter.javalin.ws;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/** The gateway's clock: envelope timestamps and heartbeat server times in seconds that never go back. */
final class ServerTime {

    private final Clock clock;
    private final AtomicLong lastSeconds = new AtomicLong(Long.MIN_VALUE);

    ServerTime(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    Instant now() {
        return clock.instant();
    }

    /** Epoch seconds, never lower than a value returned before (even if the wall clock steps back). */
    long seconds() {
        long now = clock.instant().getEpochSecond();
        return lastSeconds.accumulateAndGet(now, Math::max);
    }
}
