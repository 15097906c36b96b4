package io.syncbridge.adapter.javalin.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.UserId;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** HS256 access tokens signed with a shared secret of at least 32 bytes. */
public final class HmacAccessTokens implements AccessTokens {

    /** Allowed clock difference between this node and whoever minted a token. */
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    private final MACSigner signer;
    private final MACVerifier verifier;
    private final Duration lifetime;
    private final Clock clock;

    public HmacAccessTokens(byte[] secret, Duration lifetime, Clock clock) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length < 32) {
            throw new IllegalArgumentException("an HS256 secret must be at least 32 bytes");
        }
        try {
            this.signer = new MACSigner(secret);
            this.verifier = new MACVerifier(secret);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable HS256 secret: " + e.getMessage(), e);
        }
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public TokenClaims verify(String token) throws TokenRejected {
        if (token == null || token.isBlank()) {
            throw new TokenRejected(TokenRejected.Code.INVALID_TOKEN, "Missing token");
        }
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token.trim());
        } catch (ParseException e) {
            throw new TokenRejected(TokenRejected.Code.INVALID_TOKEN, "Malformed token");
        }
        if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
            throw new TokenRejected(TokenRejected.Code.INVALID_TOKEN, "Token algorithm not accepted");
        }
        try {
            if (!jwt.verify(verifier)) {
                throw new TokenRejected(TokenRejected.Code.INVALID_TOKEN, "Invalid token signature");
            }
            return TokenClaimsReader.read(jwt.getJWTClaimsSet(), clock.instant(), CLOCK_SKEW);
        } catch (JOSEException | ParseException e) {
            throw new TokenRejected(TokenRejected.Code.INVALID_TOKEN, "Invalid token");
        }
    }

    @Override
    public Issued issueUserToken(UserId user) {
        return sign(user, Optional.empty(), Optional.empty());
    }

    @Override
    public Issued issueSessionToken(UserId user, SessionId session, DeviceId device) {
        return sign(user, Optional.of(session), Optional.of(device));
    }

    private Issued sign(UserId user, Optional<SessionId> session, Optional<DeviceId> device) {
        Instant now = clock.instant();
        Instant expires = now.plus(lifetime);
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(user.value())
                .claim(TokenClaimsReader.USER_ID, user.value())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .jwtID(UUID.randomUUID().toString());
        session.ifPresent(s -> claims.claim(TokenClaimsReader.SESSION_ID, s.value()));
        device.ifPresent(d -> claims.claim(TokenClaimsReader.DEVICE_ID, d.value()));
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing a token failed", e);
        }
        return new Issued(jwt.serialize(), expires);
    }
}
