package io.syncbridge.domain.handoff;

import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.error.SyncError;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A short-lived, single-use grant to take over a session ("scan this on your phone"), bound to the
 * session, its owner and the issuing device.
 */
public record HandoffToken(String token, SessionId sessionId, UserId owner, DeviceId issuedBy, Instant issuedAt,
                           Instant expiresAt) {

    public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);
    public static final Duration MAX_TTL = Duration.ofHours(1);

    public HandoffToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(issuedBy, "issuedBy");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Checks a requested lifetime: positive and at most {@link #MAX_TTL}. */
    public static Duration checkedTtl(Duration requested) {
        if (requested.isNegative() || requested.isZero() || requested.compareTo(MAX_TTL) > 0) {
            throw new SyncError.ValidationFailed("handoff token lifetime must be between 1 s and " + MAX_TTL.toSeconds() + " s");
        }
        return requested;
    }

    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
