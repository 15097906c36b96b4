package io.syncbridge.adapter.javalin;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits of the HTTP edge, below the routes: how long a new connection may take to send its
 * first request head, how long a connection may stay silent, and how many connections one client
 * address may hold open at once (zero: no cap). The app fills it from the environment.
 */
public record HttpLimits(Duration headerTimeout, Duration idleTimeout, int maxConnectionsPerAddress) {

    /** Idle time-out longer than the longest long poll (30 s), so a waiting request is not cut mid-wait. */
    public static final HttpLimits DEFAULT = new HttpLimits(Duration.ofSeconds(10), Duration.ofSeconds(65), 1_024);

    public HttpLimits {
        Objects.requireNonNull(headerTimeout, "headerTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (headerTimeout.isNegative() || headerTimeout.isZero() || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("time-outs must be positive");
        }
        if (maxConnectionsPerAddress < 0) {
            throw new IllegalArgumentException("maxConnectionsPerAddress must not be negative");
        }
    }
}
