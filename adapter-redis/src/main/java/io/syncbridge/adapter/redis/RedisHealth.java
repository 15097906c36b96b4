package io.syncbridge.adapter.redis;

import java.time.Duration;
import java.util.Objects;

/** The result of a health probe: whether every Redis node answered PING, how fast, and why not. */
public record RedisHealth(boolean up, Duration latency, String detail) {
    public RedisHealth {
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(detail, "detail");
    }
}
