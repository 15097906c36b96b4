package io.syncbridge.port.out;

import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.UserId;
import io.syncbridge.port.in.Caller;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a verified access token says: the user, and for a session-scoped token its session (scoped
 * to the user: the token's {@code session_id} is the client's id), device and the incarnation it
 * was issued for; the grant it descends from (absent in tokens minted elsewhere, such as by an
 * external issuer); and the v1 {@code email} claim when the token carries one (kept in the tokens
 * issued in its place).
 */
public record TokenClaims(UserId user, Optional<SessionId> session, Optional<DeviceId> device, Instant expiresAt,
                          String tokenId, Optional<String> grantId, Optional<Instant> incarnation,
                          Optional<String> email, Optional<Instant> grantEnds) {

    public TokenClaims {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(grantId, "grantId");
        Objects.requireNonNull(incarnation, "incarnation");
        Objects.requireNonNull(grantEnds, "grantEnds");
        Objects.requireNonNull(email, "email");
    }

    public TokenClaims(UserId user, Optional<SessionId> session, Optional<DeviceId> device, Instant expiresAt,
                       String tokenId) {
        this(user, session, device, expiresAt, tokenId, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    public boolean sessionScoped() {
        return session.isPresent();
    }

    public Caller caller() {
        return session.map(s -> Caller.granted(user, s, device, incarnation)).orElseGet(() -> Caller.user(user));
    }

    /**
     * What a token renewing this one says: the same grant, ending when it ends ({@code grant_ends});
     * a token that names no end (minted elsewhere) starts one of {@code lifetime} now.
     */
    public TokenGrant renewal(Instant now, java.time.Duration lifetime) {
        return new TokenGrant(user, session, device, incarnation, grantId,
                Optional.of(grantEnds.orElse(now.plus(lifetime))), email);
    }
}
