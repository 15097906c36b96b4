package io.syncbridge.loadgen;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.UUID;

/**
 * Mints the session-scoped HS256 tokens a load run's devices present: the grant that opens (and
 * creates) a session for one device, as the server's own {@code /v1/sessions/{id}/tokens} would.
 */
final class SessionTokens {

    private final MACSigner signer;
    private final Duration lifetime;

    SessionTokens(byte[] secret, Duration lifetime) {
        Objects.requireNonNull(secret, "secret");
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
        try {
            this.signer = new MACSigner(secret);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable HS256 secret: " + e.getMessage(), e);
        }
    }

    /** A token with {@code user_id}, {@code session_id}, {@code device_id}, {@code iat}, {@code exp} and {@code jti}. */
    String mint(String userId, String sessionId, String deviceId, Instant now) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(userId)
                .claim("user_id", userId)
                .claim("session_id", sessionId)
                .claim("device_id", deviceId)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing a token failed", e);
        }
        return jwt.serialize();
    }
}
