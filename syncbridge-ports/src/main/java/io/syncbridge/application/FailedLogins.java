package io.syncbridge.application;

import io.syncbridge.domain.error.SyncError;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Wrong passwords per username, on this node: after {@code failuresBeforeDelay} in a row, the
 * next attempt for the username must wait 1 s, then 2, 4, ... up to the maximum delay, and is
 * refused ({@code RateLimited}) before any hashing until then. A right password clears the count.
 * Only password logins are slowed: the user's issued access and refresh tokens keep working, so a
 * guesser cannot lock the real user out of a session they already have.
 */
final class FailedLogins {

    /** Usernames remembered at most; beyond it the oldest memory is dropped (a flood of made-up names). */
    private static final int MAX_REMEMBERED = 100_000;
    /** A run of failures older than this is forgotten. */
    private static final Duration FORGET_AFTER = Duration.ofMinutes(15);

    private final int failuresBeforeDelay;
    private final Duration maxDelay;
    private final ConcurrentMap<String, Failures> failures = new ConcurrentHashMap<>();

    FailedLogins(int failuresBeforeDelay, Duration maxDelay) {
        this.failuresBeforeDelay = failuresBeforeDelay;
        this.maxDelay = maxDelay;
    }

    /** Refuses an attempt for a username that must still wait. */
    void check(String username, Instant now) {
        Failures current = failures.get(key(username));
        if (current == null) {
            return;
        }
        Instant allowedAt = current.allowedAt();
        if (now.isBefore(allowedAt)) {
            long seconds = Math.max(1, Duration.between(now, allowedAt).toMillis() / 1_000 + 1);
            throw new SyncError.RateLimited(seconds);
        }
    }

    void failed(String username, Instant now) {
        if (failures.size() >= MAX_REMEMBERED) {
            failures.values().removeIf(f -> f.last().plus(FORGET_AFTER).isBefore(now));
            if (failures.size() >= MAX_REMEMBERED) {
                failures.clear();
            }
        }
        failures.compute(key(username), (k, f) -> {
            int count = f == null || f.last().plus(FORGET_AFTER).isBefore(now) ? 1 : f.count() + 1;
            return new Failures(count, now, now.plus(delayAfter(count)));
        });
    }

    void succeeded(String username) {
        failures.remove(key(username));
    }

    private Duration delayAfter(int count) {
        if (count < failuresBeforeDelay) {
            return Duration.ZERO;
        }
        int doublings = Math.min(30, count - failuresBeforeDelay);
        Duration delay = Duration.ofSeconds(1L << doublings);
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }

    private static String key(String username) {
        return username == null ? "" : username.toLowerCase(Locale.ROOT);
    }

    private record Failures(int count, Instant last, Instant allowedAt) {
    }
}
