package io.syncbridge.port.out;

import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Driven port of the HTTP edge: issues and verifies the access tokens of the REST API and the WebSocket. */
public interface AccessTokens {

    /** Verifies signature, algorithm, expiry (and issuer/audience when configured). */
    TokenClaims verify(String token) throws TokenRejected;

    /**
     * A token saying what {@code grant} says; it expires after the issuer's lifetime, or at the
     * grant's {@code notAfter} when that comes first.
     */
    Issued issue(TokenGrant grant);

    /** A user token (no session) outside any grant (the command line, tests). */
    default Issued issueUserToken(UserId user) {
        return issue(TokenGrant.user(user));
    }

    /** A session-scoped token for {@code session} and {@code device} outside any grant (the command line, tests). */
    default Issued issueSessionToken(UserId user, SessionId session, DeviceId device) {
        return issue(TokenGrant.session(user, session, device));
    }

    /**
     * A session-scoped token that also carries the v1 {@code email} claim: how a token presented on
     * the WebSocket is replaced (AuthSuccess {@code new_token}) without losing what v1 clients read.
     */
    default Issued issueSessionToken(UserId user, SessionId session, DeviceId device, Optional<String> email) {
        return issue(TokenGrant.session(user, session, device).withEmail(email));
    }

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
