package io.syncbridge.inmemory;

import io.syncbridge.domain.time.Clock;
import io.syncbridge.port.out.RateLimiter;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Rate limiter adapter: fixed windows counted in memory. Windows are aligned to the epoch by the
 * injected clock (window {@code n} of length {@code w} covers {@code [n*w, (n+1)*w)}), and a key is
 * counted separately for each window length. A refused request still counts, as an atomic
 * increment does in a shared store.
 */
public final class InMemoryRateLimiter implements RateLimiter {

    private static final int CALLS_BETWEEN_PURGES = 4_096;

    private final ConcurrentHashMap<Bucket, Window> windows = new ConcurrentHashMap<>();
    private final AtomicInteger callsSincePurge = new AtomicInteger();
    private final Clock clock;

    public InMemoryRateLimiter(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Decision tryAcquire(String key, Limit limit) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(limit, "limit");
        long now = clock.now().toEpochMilli();
        long length = limit.window().toMillis();
        long index = Math.floorDiv(now, length);
        long end = (index + 1) * length;
        purgeNowAndThen(now);
        Window window = windows.compute(new Bucket(key, length),
                (bucket, current) -> current == null || current.index() != index
                        ? new Window(index, end, 1)
                        : new Window(index, end, current.count() + 1));
        boolean allowed = window.count() <= limit.permits();
        int remaining = (int) Math.max(0, limit.permits() - window.count());
        long resetSeconds = Math.ceilDiv(end - now, 1_000L);
        return new Decision(allowed, limit.permits(), remaining, resetSeconds);
    }

    /** Drops the windows that have ended, once in a while, so that keys of closed connections go. */
    private void purgeNowAndThen(long now) {
        if (callsSincePurge.incrementAndGet() >= CALLS_BETWEEN_PURGES) {
            callsSincePurge.set(0);
            windows.values().removeIf(w -> w.end() <= now);
        }
    }

    /** How many keys are counted now (ended windows not yet dropped included). */
    public int size() {
        return windows.size();
    }

    private record Bucket(String key, long windowMillis) {
    }

    private record Window(long index, long end, long count) {
    }
}
