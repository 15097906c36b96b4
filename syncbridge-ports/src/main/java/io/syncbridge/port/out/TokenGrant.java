package io.syncbridge.port.out;

import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What an access token is to say: the user; for a session-scoped token its session (owner-scoped;
 * the token carries the client's id), device and the session's incarnation (its creation time, so
 * that a session re-created under the same id is not opened); the grant the token descends from;
 * the moment it may not outlive (the grant's absolute end); and the v1 {@code email} claim that
 * renewed tokens keep.
 */
public record TokenGrant(UserId user, Optional<SessionId> session, Optional<DeviceId> device,
                         Optional<Instant> incarnation, Optional<String> grantId, Optional<Instant> notAfter,
                         Optional<String> email) {

    public TokenGrant {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(incarnation, "incarnation");
        Objects.requireNonNull(grantId, "grantId");
        Objects.requireNonNull(notAfter, "notAfter");
        Objects.requireNonNull(email, "email");
        if (session.isPresent() && !session.get().admits(user)) {
            throw new IllegalArgumentException("a token's session must be its user's");
        }
    }

    /** How long a device's grant lasts from its minting, however often its tokens are renewed. */
    public static final java.time.Duration DEVICE_GRANT_LIFETIME = java.time.Duration.ofHours(24);

    public static TokenGrant user(UserId user) {
        return new TokenGrant(user, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    public static TokenGrant session(UserId user, SessionId session, DeviceId device) {
        return new TokenGrant(user, Optional.of(session), Optional.of(device), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    public TokenGrant withIncarnation(Instant createdAt) {
        return new TokenGrant(user, session, device, Optional.of(createdAt), grantId, notAfter, email);
    }

    public TokenGrant withGrant(String id, Instant end) {
        return new TokenGrant(user, session, device, incarnation, Optional.of(id), Optional.of(end), email);
    }

    /** The grant ends {@code end} at the latest: no token of it, renewed or not, outlives that. */
    public TokenGrant endingAt(Instant end) {
        return new TokenGrant(user, session, device, incarnation, grantId, Optional.of(end), email);
    }

    public TokenGrant withEmail(Optional<String> value) {
        return new TokenGrant(user, session, device, incarnation, grantId, notAfter, value);
    }
}
