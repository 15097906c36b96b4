package io.syncbridge.adapter.javalin.auth;

import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.UserId;
import io.syncbridge.port.in.Caller;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a verified access token says: the user, for a session-scoped token its session and device,
 * and the v1 {@code email} claim when the token carries one (kept in the tokens issued in its place).
 */
public record TokenClaims(UserId user, Optional<SessionId> session, Optional<DeviceId> device, Instant expiresAt,
                          String tokenId, Optional<String> email) {

    public TokenClaims {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(email, "email");
    }

    public TokenClaims(UserId user, Optional<SessionId> session, Optional<DeviceId> device, Instant expiresAt,
                       String tokenId) {
        this(user, session, device, expiresAt, tokenId, Optional.empty());
    }

    public boolean sessionScoped() {
        return session.isPresent();
    }

    public Caller caller() {
        return new Caller(user, session);
    }
}
