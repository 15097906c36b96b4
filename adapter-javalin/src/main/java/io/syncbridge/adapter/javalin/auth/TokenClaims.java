package io.syncbridge.adapter.javalin.auth;

import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.UserId;
import io.syncbridge.port.in.Caller;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** What a verified access token says: the user, and for a session-scoped token its session and device. */
public record TokenClaims(UserId user, Optional<SessionId> session, Optional<DeviceId> device, Instant expiresAt,
                          String tokenId) {

    public TokenClaims {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean sessionScoped() {
        return session.isPresent();
    }

    public Caller caller() {
        return new Caller(user, session);
    }
}
