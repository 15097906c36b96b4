package io.syncbridge.adapter.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.UserId;
import io.syncbridge.port.out.AccessTokens;
import io.syncbridge.port.out.TokenClaims;
import io.syncbridge.port.out.TokenRejected;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JwtAccessTokensTest {

    private static final Duration LIFETIME = Duration.ofMinutes(15);
    private static final byte[] SECRET = "a-secret-that-is-at-least-32-bytes-long".getBytes(StandardCharsets.UTF_8);

    @Test
    void hs256TokensRoundTripWithTheirClaims() throws Exception {
        JwtAccessTokens tokens = JwtAccessTokens.local(HmacKeys.of(SECRET), LIFETIME, Clock.systemUTC());

        AccessTokens.Issued issued = tokens.issueSessionToken(new UserId("u1"), SessionId.scoped(new UserId("u1"), "s1"), new DeviceId("d1"));
        TokenClaims claims = tokens.verify(issued.token());

        assertThat(claims.user()).isEqualTo(new UserId("u1"));
        assertThat(claims.session()).contains(SessionId.scoped(new UserId("u1"), "s1"));
        assertThat(claims.device()).contains(new DeviceId("d1"));
        assertThat(claims.tokenId()).isNotBlank();
        assertThat(Duration.between(Instant.now(), issued.expiresAt())).isBetween(Duration.ofMinutes(14),
                LIFETIME);
    }

    @Test
    void refusesAShortSecretUnlessLegacySecretsAreAllowed() {
        byte[] legacy = "v1-short-secret".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> HmacKeys.of(legacy)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 32 bytes");
        assertThat(HmacKeys.of(legacy, true).shortSecret()).isTrue();
        assertThatThrownBy(() -> HmacKeys.of(new byte[0], true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void legacyShortSecretTokensVerifyAndTamperingIsCaught() throws Exception {
        byte[] legacy = "v1-short-secret".getBytes(StandardCharsets.UTF_8);
        JwtAccessTokens tokens = JwtAccessTokens.local(HmacKeys.of(legacy, true), LIFETIME, Clock.systemUTC());
        String token = tokens.issueUserToken(new UserId("legacy-user")).token();
        String[] parts = token.split("\\.");
        String otherSignature = Base64URL.encode(new byte[32]).toString();

        assertThat(tokens.verify(token).user()).isEqualTo(new UserId("legacy-user"));
        assertThatThrownBy(() -> tokens.verify(parts[0] + "." + parts[1] + "." + otherSignature))
                .isInstanceOf(TokenRejected.class).hasMessageContaining("signature");
    }

    @Test
    void legacyVerifierAcceptsTokensMintedByAV1ServerWithTheSameSecret() throws Exception {
        byte[] legacy = "v1-short-secret".getBytes(StandardCharsets.UTF_8);
        JwtAccessTokens tokens = JwtAccessTokens.local(HmacKeys.of(legacy, true), LIFETIME, Clock.systemUTC());
        SignedJWT v1 = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                .claim("user_id", "v1-user").claim("session_id", "v1-session")
                .expirationTime(Date.from(Instant.now().plusSeconds(300))).build());
        v1.sign(new ShortSecretHmac(legacy));

        assertThat(tokens.verify(v1.serialize()).session()).contains(SessionId.scoped(new UserId("v1-user"), "v1-session"));
    }

    @Test
    void expiredTokensAreRefusedAsExpired() {
        Clock past = Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC);
        String old = JwtAccessTokens.local(HmacKeys.of(SECRET), LIFETIME, past).issueUserToken(new UserId("u")).token();
        JwtAccessTokens now = JwtAccessTokens.local(HmacKeys.of(SECRET), LIFETIME, Clock.systemUTC());

        assertThatThrownBy(() -> now.verify(old)).isInstanceOfSatisfying(TokenRejected.class,
                e -> assertThat(e.code()).isEqualTo(TokenRejected.Code.TOKEN_EXPIRED));
    }

    @Test
    void rs256TokensCarryTheKidAndPublishTheKey() throws Exception {
        KeyPair pair = rsa();
        KeyPairKeys keys = new KeyPairKeys(pair.getPrivate(), pair.getPublic(), List.of());
        JwtAccessTokens tokens = JwtAccessTokens.local(keys, LIFETIME, Clock.systemUTC());

        String token = tokens.issueUserToken(new UserId("u-rsa")).token();

        assertThat(SignedJWT.parse(token).getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(SignedJWT.parse(token).getHeader().getKeyID()).isEqualTo(keys.keyId());
        assertThat(tokens.verify(token).user()).isEqualTo(new UserId("u-rsa"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> published = (List<Map<String, Object>>) tokens.jwks().get("keys");
        assertThat(published).hasSize(1);
        assertThat(published.get(0)).containsEntry("kid", keys.keyId()).containsEntry("kty", "RSA")
                .containsEntry("alg", "RS256").doesNotContainKey("d");
    }

    @Test
    void es256TokensRoundTrip() throws Exception {
        KeyPair pair = ec();
        JwtAccessTokens tokens = JwtAccessTokens.local(new KeyPairKeys(pair.getPrivate(), pair.getPublic(), List.of()),
                LIFETIME, Clock.systemUTC());

        String token = tokens.issueUserToken(new UserId("u-ec")).token();

        assertThat(SignedJWT.parse(token).getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(tokens.verify(token).user()).isEqualTo(new UserId("u-ec"));
    }

    @Test
    void tokensOfARetiredKeyStillVerifyAfterRotation() throws Exception {
        KeyPair retired = rsa();
        KeyPair current = ec();
        String old = JwtAccessTokens.local(new KeyPairKeys(retired.getPrivate(), retired.getPublic(), List.of()),
                LIFETIME, Clock.systemUTC()).issueUserToken(new UserId("before-rotation")).token();
        JwtAccessTokens rotated = JwtAccessTokens.local(new KeyPairKeys(current.getPrivate(), current.getPublic(),
                List.of(retired.getPublic())), LIFETIME, Clock.systemUTC());

        assertThat(rotated.verify(old).user()).isEqualTo(new UserId("before-rotation"));
        assertThat(SignedJWT.parse(rotated.issueUserToken(new UserId("x")).token()).getHeader().getAlgorithm())
                .isEqualTo(JWSAlgorithm.ES256);
        assertThat((List<?>) rotated.jwks().get("keys")).hasSize(2);
    }

    @Test
    void aTokenOfAnUnknownKeyIsRefused() {
        KeyPair stranger = rsa();
        KeyPair ours = rsa();
        String foreign = JwtAccessTokens.local(new KeyPairKeys(stranger.getPrivate(), stranger.getPublic(), List.of()),
                LIFETIME, Clock.systemUTC()).issueUserToken(new UserId("x")).token();
        JwtAccessTokens tokens = JwtAccessTokens.local(new KeyPairKeys(ours.getPrivate(), ours.getPublic(), List.of()),
                LIFETIME, Clock.systemUTC());

        assertThatThrownBy(() -> tokens.verify(foreign)).isInstanceOf(TokenRejected.class);
    }

    @Test
    void algorithmConfusionWithThePublicKeyAsHmacSecretIsRefused() throws Exception {
        KeyPair pair = rsa();
        KeyPairKeys keys = new KeyPairKeys(pair.getPrivate(), pair.getPublic(), List.of());
        JwtAccessTokens tokens = JwtAccessTokens.local(keys, LIFETIME, Clock.systemUTC());
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(keys.keyId()).build(),
                new JWTClaimsSet.Builder().claim("user_id", "mallory")
                        .expirationTime(Date.from(Instant.now().plusSeconds(600))).build());
        forged.sign(new MACSigner(pair.getPublic().getEncoded()));

        assertThatThrownBy(() -> tokens.verify(forged.serialize())).isInstanceOf(TokenRejected.class)
                .hasMessageContaining("algorithm");
    }

    @Test
    void algNoneIsRefusedEvenWithAValidLookingPayload() {
        JwtAccessTokens tokens = JwtAccessTokens.local(HmacKeys.of(SECRET), LIFETIME, Clock.systemUTC());
        String header = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}").toString();
        String payload = Base64URL.encode("{\"user_id\":\"mallory\",\"exp\":" + (Instant.now().getEpochSecond() + 600)
                + "}").toString();

        assertThatThrownBy(() -> tokens.verify(header + "." + payload + ".")).isInstanceOf(TokenRejected.class);
        assertThatThrownBy(() -> tokens.verify(header + "." + payload)).isInstanceOf(TokenRejected.class);
    }

    @Test
    void issuerAndAudienceAreStampedAndRequired() throws Exception {
        JwtAccessTokens strict = new JwtAccessTokens(HmacKeys.of(SECRET), Optional.of("https://sync.example"),
                Optional.of("syncbridge"), List.of(), LIFETIME, Clock.systemUTC());
        JwtAccessTokens plain = JwtAccessTokens.local(HmacKeys.of(SECRET), LIFETIME, Clock.systemUTC());

        String stamped = strict.issueUserToken(new UserId("u")).token();
        String unstamped = plain.issueUserToken(new UserId("u")).token();

        assertThat(SignedJWT.parse(stamped).getJWTClaimsSet().getIssuer()).isEqualTo("https://sync.example");
        assertThat(strict.verify(stamped).user()).isEqualTo(new UserId("u"));
        assertThatThrownBy(() -> strict.verify(unstamped)).isInstanceOf(TokenRejected.class)
                .hasMessageContaining("issuer");
    }

    @Test
    void wrongAudienceIsRefused() throws Exception {
        JwtAccessTokens strict = new JwtAccessTokens(HmacKeys.of(SECRET), Optional.empty(), Optional.of("syncbridge"),
                List.of(), LIFETIME, Clock.systemUTC());
        JWSObject jws = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                .claim("user_id", "u").audience("another-service")
                .expirationTime(Date.from(Instant.now().plusSeconds(600))).build());
        jws.sign(new MACSigner(SECRET));

        assertThatThrownBy(() -> strict.verify(jws.serialize())).isInstanceOf(TokenRejected.class)
                .hasMessageContaining("audience");
    }

    @Test
    void malformedTokensAreInvalid() {
        JwtAccessTokens tokens = JwtAccessTokens.local(HmacKeys.of(SECRET), LIFETIME, Clock.systemUTC());
        JWSObject notAJwt = new JWSObject(new JWSHeader(JWSAlgorithm.HS256), new Payload("just text"));

        assertThatThrownBy(() -> tokens.verify("")).isInstanceOf(TokenRejected.class);
        assertThatThrownBy(() -> tokens.verify("a.b.c")).isInstanceOf(TokenRejected.class);
        assertThatThrownBy(() -> {
            notAJwt.sign(new MACSigner(SECRET));
            tokens.verify(notAJwt.serialize());
        }).isInstanceOf(TokenRejected.class);
    }

    static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair ec() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
