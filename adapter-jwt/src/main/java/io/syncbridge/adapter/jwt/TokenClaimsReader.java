package io.syncbridge.adapter.jwt;

import com.nimbusds.jwt.JWTClaimsSet;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.error.SyncError;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.UserId;
import io.syncbridge.port.out.TokenClaims;
import io.syncbridge.port.out.TokenRejected;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/** Reads the SyncBridge claims (v1 names: user_id, session_id, device_id, email) out of a verified claim set. */
final class TokenClaimsReader {

    public static final String USER_ID = "user_id";
    public static final String SESSION_ID = "session_id";
    public static final String DEVICE_ID = "device_id";
    /** The grant a token descends from, checked against the grant store on every use. */
    public static final String GRANT_ID = "grant_id";
    /** The creation time (epoch milliseconds) of the session incarnation a session-scoped token opens. */
    public static final String SESSION_CREATED = "session_created";
    /** The absolute end (epoch seconds) of the grant a token descends from: no renewal outlives it. */
    public static final String GRANT_ENDS = "grant_ends";
    public static final String EMAIL = "email";

    private TokenClaimsReader() {
    }

    public static TokenClaims read(JWTClaimsSet claims, Instant now, Duration skew) throws TokenRejected {
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw new TokenRejected(TokenRejected.Code.INVALID_TOKEN, "Token has no expiry");
        }
        if (!now.minus(skew).isBefore(exp.toInstant())) {
            throw new TokenRejected(TokenRejected.Code.TOKEN_EXPIRED, "Token expired");
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && now.plus(skew).isBefore(nbf.toInstant())) {
            throw new TokenRejected(TokenRejected.Code.INVALID_TOKEN, "Token not yet valid");
        }
        try {
            String user = Optional.ofNullable(claims.getStringClaim(USER_ID)).orElse(claims.getSubject());
            if (user == null) {
                throw new TokenRejected(TokenRejected.Code.INVALID_TOKEN, "Token names no user");
            }
            UserId userId = new UserId(user);
            Long created = claims.getLongClaim(SESSION_CREATED);
            // The claim is the client's id; the session it names is always the token's user's.
            return new TokenClaims(userId,
                    Optional.ofNullable(claims.getStringClaim(SESSION_ID)).map(id -> SessionId.scoped(userId, id)),
                    Optional.ofNullable(claims.getStringClaim(DEVICE_ID)).map(DeviceId::new),
                    exp.toInstant(), Optional.ofNullable(claims.getJWTID()).orElse(""),
                    Optional.ofNullable(claims.getStringClaim(GRANT_ID)),
                    Optional.ofNullable(created).map(Instant::ofEpochMilli), email(claims),
                    Optional.ofNullable(claims.getLongClaim(GRANT_ENDS)).map(Instant::ofEpochSecond));
        } catch (ParseException | SyncError.ValidationFailed e) {
            throw new TokenRejected(TokenRejected.Code.INVALID_TOKEN, "Token claims are malformed");
        }
    }

    /** The v1 {@code email} claim; one that is not a string is not an email and is left out. */
    private static Optional<String> email(JWTClaimsSet claims) {
        return claims.getClaim(EMAIL) instanceof String email && !email.isBlank() ? Optional.of(email) : Optional.empty();
    }
}
