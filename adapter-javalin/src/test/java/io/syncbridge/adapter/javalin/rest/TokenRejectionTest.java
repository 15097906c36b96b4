package io.syncbridge.adapter.javalin.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.syncbridge.adapter.javalin.GatewayFixture;
import io.syncbridge.adapter.jwt.HmacAccessTokens;
import io.syncbridge.domain.session.UserId;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TokenRejectionTest {

    @RegisterExtension
    static final GatewayFixture gateway = new GatewayFixture();

    @Test
    void missingTokenIsUnauthorizedWithTheErrorBody() {
        GatewayFixture.Reply reply = gateway.get("/v1/sessions", null);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().get("code").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(reply.json().get("requestId").asText()).isEqualTo(reply.header("X-Request-ID"));
        assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer");
    }

    @Test
    void tamperedTokenIsInvalid() {
        String token = gateway.newUserToken();
        String[] parts = token.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]));
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                claims.replaceFirst("\"user_id\":\"[^\"]+\"", "\"user_id\":\"someone-else\"").getBytes());

        GatewayFixture.Reply reply = gateway.get("/v1/sessions", parts[0] + "." + forged + "." + parts[2]);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().get("code").asText()).isEqualTo("INVALID_TOKEN");
    }

    @Test
    void expiredTokenSaysSo() {
        Clock anHourAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC);
        String expired = new HmacAccessTokens(gateway.secret, Duration.ofMinutes(15), anHourAgo)
                .issueUserToken(new UserId("u-expired")).token();

        GatewayFixture.Reply reply = gateway.get("/v1/sessions", expired);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().get("code").asText()).isEqualTo("TOKEN_EXPIRED");
    }

    @Test
    void unsignedAlgNoneTokenIsRefused() {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("mallory").claim("user_id", "mallory")
                .expirationTime(Date.from(Instant.now().plusSeconds(600))).build();
        String unsigned = new PlainJWT(claims).serialize();

        GatewayFixture.Reply reply = gateway.get("/v1/sessions", unsigned);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().get("code").asText()).isEqualTo("INVALID_TOKEN");
    }

    @Test
    void tokenSignedWithAnotherKeyIsRefused() throws Exception {
        byte[] otherSecret = "another-secret-of-at-least-32-bytes!!".getBytes();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                .claim("user_id", "mallory").expirationTime(Date.from(Instant.now().plusSeconds(600))).build());
        jwt.sign(new MACSigner(otherSecret));

        GatewayFixture.Reply reply = gateway.get("/v1/sessions", jwt.serialize());

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().get("code").asText()).isEqualTo("INVALID_TOKEN");
    }

    @Test
    void tokenWithAnotherAlgorithmIsRefused() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS512), new JWTClaimsSet.Builder()
                .claim("user_id", "mallory").expirationTime(Date.from(Instant.now().plusSeconds(600))).build());
        jwt.sign(new MACSigner(new byte[64]));

        GatewayFixture.Reply reply = gateway.get("/v1/sessions", jwt.serialize());

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().get("code").asText()).isEqualTo("INVALID_TOKEN");
    }

    @Test
    void garbageTokenIsInvalid() {
        GatewayFixture.Reply reply = gateway.get("/v1/sessions", "not-a-jwt");

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().get("code").asText()).isEqualTo("INVALID_TOKEN");
    }

    @Test
    void basicSchemeIsRefused() {
        HttpRequest request = HttpRequest.newBuilder(gateway.uri("/v1/sessions"))
                .header("Authorization", "Basic dXNlcjpwYXNz").GET().build();

        GatewayFixture.Reply reply = gateway.send(request);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().get("code").asText()).isEqualTo("UNAUTHORIZED");
    }
}
