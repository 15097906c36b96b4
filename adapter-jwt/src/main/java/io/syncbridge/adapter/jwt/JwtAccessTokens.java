package io.syncbridge.adapter.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.syncbridge.domain.session.UserId;
import io.syncbridge.port.out.AccessTokens;
import io.syncbridge.port.out.TokenClaims;
import io.syncbridge.port.out.TokenGrant;
import io.syncbridge.port.out.TokenRejected;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Access tokens as signed JWTs: issued with this node's signing keys, verified against those and
 * any external issuer's keys. A token is accepted only when its algorithm is one the matching keys
 * are configured for (never {@code none}), its signature verifies, it has not expired, and it names
 * the expected issuer and audience where those are configured.
 */
public final class JwtAccessTokens implements AccessTokens {

    /** Allowed clock difference between this node and whoever minted a token. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    private final SigningKeys signing;
    private final Optional<String> issuer;
    private final Optional<String> audience;
    private final List<TrustedKeys> trusted;
    private final Duration lifetime;
    private final Clock clock;

    public JwtAccessTokens(SigningKeys signing, Optional<String> issuer, Optional<String> audience,
                           List<TrustedKeys> external, Duration lifetime, Clock clock) {
        this.signing = Objects.requireNonNull(signing, "signing");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.audience = Objects.requireNonNull(audience, "audience");
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("token lifetime must be positive");
        }
        List<TrustedKeys> all = new ArrayList<>();
        all.add(new TrustedKeys(signing, issuer, audience));
        all.addAll(external);
        this.trusted = List.copyOf(all);
    }

    /** Tokens signed and verified with {@code signing} only, with no issuer or audience. */
    public static JwtAccessTokens local(SigningKeys signing, Duration lifetime, Clock clock) {
        return new JwtAccessTokens(signing, Optional.empty(), Optional.empty(), List.of(), lifetime, clock);
    }

    @Override
    public TokenClaims verify(String token) throws TokenRejected {
        if (token == null || token.isBlank()) {
            throw new TokenRejected(TokenRejected.Code.INVALID_TOKEN, "Missing token");
        }
        SignedJWT jwt;
        try {
            // A header with "alg": "none" is not a JWS header: parsing refuses it here.
            jwt = SignedJWT.parse(token.trim());
        } catch (ParseException e) {
            throw new TokenRejected(TokenRejected.Code.INVALID_TOKEN, "Malformed token");
        }
        JWSAlgorithm algorithm = jwt.getHeader().getAlgorithm();
        List<TrustedKeys> candidates = trusted.stream().filter(t -> t.keys().algorithms().contains(algorithm)).toList();
        if (candidates.isEmpty()) {
            throw new TokenRejected(TokenRejected.Code.INVALID_TOKEN, "Token algorithm not accepted");
        }
        for (TrustedKeys candidate : candidates) {
            for (JWSVerifier verifier : candidate.keys().verifiersFor(jwt.getHeader())) {
                if (verifies(jwt, verifier)) {
                    return claims(jwt, candidate);
                }
            }
        }
        throw new TokenRejected(TokenRejected.Code.INVALID_TOKEN, "Invalid token signature");
    }

    private static boolean verifies(SignedJWT jwt, JWSVerifier verifier) {
        try {
            return jwt.verify(verifier);
        } catch (JOSEException | IllegalStateException e) {
            return false;
        }
    }

    private TokenClaims claims(SignedJWT jwt, TrustedKeys trust) throws TokenRejected {
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new TokenRejected(TokenRejected.Code.INVALID_TOKEN, "Token claims are malformed");
        }
        TokenClaims read = TokenClaimsReader.read(claims, clock.instant(), CLOCK_SKEW);
        if (trust.issuer().isPresent() && !trust.issuer().get().equals(claims.getIssuer())) {
            throw new TokenRejected(TokenRejected.Code.INVALID_TOKEN, "Token issuer not accepted");
        }
        if (trust.audience().isPresent()
                && (claims.getAudience() == null || !claims.getAudience().contains(trust.audience().get()))) {
            throw new TokenRejected(TokenRejected.Code.INVALID_TOKEN, "Token audience not accepted");
        }
        return read;
    }

    @Override
    public Issued issue(TokenGrant grant) {
        return sign(grant);
    }

    /** How long an issued token lives. */
    public Duration lifetime() {
        return lifetime;
    }

    @Override
    public Map<String, Object> jwks() {
        List<JWK> keys = new ArrayList<>(signing.publicKeys());
        trusted.stream().skip(1).forEach(t -> keys.addAll(t.keys().publicKeys()));
        return new JWKSet(keys).toJSONObject(true);
    }

    private Issued sign(TokenGrant grant) {
        UserId user = grant.user();
        Instant now = clock.instant();
        Instant expires = now.plus(lifetime);
        if (grant.notAfter().isPresent() && grant.notAfter().get().isBefore(expires)) {
            expires = grant.notAfter().get();
        }
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(user.value())
                .claim(TokenClaimsReader.USER_ID, user.value())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .jwtID(UUID.randomUUID().toString());
        issuer.ifPresent(claims::issuer);
        audience.ifPresent(claims::audience);
        grant.session().ifPresent(s -> claims.claim(TokenClaimsReader.SESSION_ID, s.clientId()));
        grant.device().ifPresent(d -> claims.claim(TokenClaimsReader.DEVICE_ID, d.value()));
        grant.incarnation().ifPresent(i -> claims.claim(TokenClaimsReader.SESSION_CREATED, i.toEpochMilli()));
        grant.notAfter().ifPresent(end -> claims.claim(TokenClaimsReader.GRANT_ENDS, end.getEpochSecond()));
        grant.grantId().ifPresent(g -> claims.claim(TokenClaimsReader.GRANT_ID, g));
        grant.email().ifPresent(e -> claims.claim(TokenClaimsReader.EMAIL, e));
        SignedJWT jwt = new SignedJWT(signing.header(), claims.build());
        try {
            jwt.sign(signing.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("signing a token failed", e);
        }
        // Expiry as the token states it (whole seconds), so that what clients are told matches the token.
        return new Issued(jwt.serialize(), Instant.ofEpochSecond(expires.getEpochSecond()));
    }
}
