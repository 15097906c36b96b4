package io.syncbridge.domain.session;

import io.syncbridge.domain.device.DeviceRoster;
import io.syncbridge.domain.state.StateLimits;
import java.time.Duration;
import java.util.Objects;

/**
 * The deployment-wide rules every session follows: how long an untouched session and a snapshot
 * live, when to warn of expiry, how many devices a session holds, how large state may grow, and
 * how far back the change log reaches.
 */
public record SessionPolicy(Duration sessionTtl, Duration expiryWarning, Duration snapshotTtl, int maxDevices,
                            StateLimits stateLimits, int changeLogCapacity, Duration changeLogMaxAge) {

    public static final SessionPolicy DEFAULT = new SessionPolicy(Duration.ofDays(7), Duration.ofMinutes(5),
            Duration.ofDays(7), DeviceRoster.DEFAULT_MAX_DEVICES, StateLimits.DEFAULT, 1_000, Duration.ofDays(1));

    public SessionPolicy {
        Objects.requireNonNull(sessionTtl, "sessionTtl");
        Objects.requireNonNull(expiryWarning, "expiryWarning");
        Objects.requireNonNull(snapshotTtl, "snapshotTtl");
        Objects.requireNonNull(stateLimits, "stateLimits");
        Objects.requireNonNull(changeLogMaxAge, "changeLogMaxAge");
        positive("session TTL", sessionTtl);
        positive("snapshot TTL", snapshotTtl);
        positive("change log max age", changeLogMaxAge);
        if (expiryWarning.isNegative()) {
            throw new IllegalArgumentException("expiry warning must not be negative");
        }
        if (maxDevices < 1) {
            throw new IllegalArgumentException("max devices must be at least 1");
        }
        if (changeLogCapacity < 1) {
            throw new IllegalArgumentException("change log capacity must be at least 1");
        }
    }

    public SessionPolicy withSessionTtl(Duration ttl) {
        return new SessionPolicy(ttl, expiryWarning, snapshotTtl, maxDevices, stateLimits, changeLogCapacity, changeLogMaxAge);
    }

    public SessionPolicy withSnapshotTtl(Duration ttl) {
        return new SessionPolicy(sessionTtl, expiryWarning, ttl, maxDevices, stateLimits, changeLogCapacity, changeLogMaxAge);
    }

    public SessionPolicy withMaxDevices(int max) {
        return new SessionPolicy(sessionTtl, expiryWarning, snapshotTtl, max, stateLimits, changeLogCapacity, changeLogMaxAge);
    }

    public SessionPolicy withStateLimits(StateLimits limits) {
        return new SessionPolicy(sessionTtl, expiryWarning, snapshotTtl, maxDevices, limits, changeLogCapacity, changeLogMaxAge);
    }

    public SessionPolicy withChangeLogCapacity(int capacity) {
        return new SessionPolicy(sessionTtl, expiryWarning, snapshotTtl, maxDevices, stateLimits, capacity, changeLogMaxAge);
    }

    private static void positive(String what, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + " must be positive");
        }
    }
}
