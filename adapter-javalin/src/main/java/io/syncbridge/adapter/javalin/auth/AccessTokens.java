package io.syncbridge.adapter.javalin.auth;

import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Issues and verifies the JWT access tokens of the REST API and the WebSocket. */
public interface AccessTokens {

    /** Verifies signature, algorithm, expiry (and issuer/audience when configured). */
    TokenClaims verify(String token) throws TokenRejected;

    /** A user token (no session): what /v1/auth/token hands out. */
    Issued issueUserToken(UserId user);

    /** A session-scoped token: a grant that opens {@code session} for {@code device}. */
    Issued issueSessionToken(UserId user, SessionId session, DeviceId device);

    /**
     * A session-scoped token that also carries the v1 {@code email} claim: how a token presented on
     * the WebSocket is replaced (AuthSuccess {@code new_token}) without losing what v1 clients read.
     */
    Issued issueSessionToken(UserId user, SessionId session, DeviceId device, Optional<String> email);

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
