package io.syncbridge.adapter.javalin.auth;

import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Issues and verifies the JWT access tokens of the REST API and the WebSocket. */
public interface AccessTokens {

    /** Verifies signature, algorithm, expiry (and issuer/audience when configured). */
    TokenClaims verify(String token) throws TokenRejected;

    /** A user token (no session): what /v1/auth/token hands out. */
    Issued issueUserToken(UserId user);

    /** A session-scoped token: a grant that opens {@code session} for {@code device}. */
    Issued issueSessionToken(UserId user, SessionId session, DeviceId device);

    /** The public verification keys as a JWK Set ({@code {"keys": [...]}}; empty for a shared secret). */
    default Map<String, Object> jwks() {
        return Map.of("keys", List.of());
    }

    /** A freshly signed token and when it expires. */
    record Issued(String token, Instant expiresAt) {
        @Override
        public String toString() {
            return "Issued[expiresAt=" + expiresAt + "]";
        }
    }
}
