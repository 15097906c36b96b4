package io.syncbridge.adapter.redis;

import io.syncbridge.domain.time.Clock;
import io.syncbridge.port.out.RateLimiter;
import java.util.List;
import java.util.Objects;

/**
 * Rate-limit adapter: fixed windows aligned to the clock, one counter per key and window, counted
 * with INCR and given its expiry in the same script, so every node shares the count.
 */
public final class RedisRateLimiter implements RateLimiter {

    /** How long a counter outlives its window in Redis. */
    private static final long PHYSICAL_GRACE_MILLIS = 1_000;
    private static final LuaScript COUNT = LuaScript.load("rate_limit");

    private final RedisConnection redis;
    private final RedisKeys keys;
    private final Clock clock;

    public RedisRateLimiter(RedisConnection redis, Clock clock) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.keys = redis.keys();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Decision tryAcquire(String key, Limit limit) {
        Objects.requireNonNull(key, "key");
        long window = limit.window().toMillis();
        long now = clock.now().toEpochMilli();
        long index = Math.floorDiv(now, window);
        long windowEnd = (index + 1) * window;
        // Retried after a lost connection: at worst one request is counted twice.
        Object reply = redis.eval("ratelimit.acquire", true, COUNT, List.of(keys.rate(key, window, index)),
                List.of(Long.toString(windowEnd - now + PHYSICAL_GRACE_MILLIS)));
        long count = (Long) reply;
        int remaining = (int) Math.max(0, limit.permits() - count);
        long resetSeconds = Math.max(1, (windowEnd - now + 999) / 1_000);
        return new Decision(count <= limit.permits(), limit.permits(), remaining, resetSeconds);
    }
}
