package io.syncbridge.port.out.contract;

import io.syncbridge.domain.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that tests move by hand; thread-safe, so racing threads may read it. */
public final class MutableClock implements Clock {

    /** Where the suites start: a whole minute (rate-limit windows align), in the future of the wall clock. */
    public static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

    private final AtomicReference<Instant> now;

    public MutableClock(Instant start) {
        this.now = new AtomicReference<>(Objects.requireNonNull(start, "start"));
    }

    public MutableClock() {
        this(START);
    }

    @Override
    public Instant now() {
        return now.get();
    }

    /** Moves the clock forward (or back, with a negative amount); returns the new time. */
    public Instant advance(Duration amount) {
        Objects.requireNonNull(amount, "amount");
        return now.updateAndGet(t -> t.plus(amount));
    }

    public void set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant"));
    }
}
