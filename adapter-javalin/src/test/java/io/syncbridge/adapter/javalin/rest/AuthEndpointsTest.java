package io.syncbridge.adapter.javalin.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncbridge.adapter.javalin.GatewayFixture;
import io.syncbridge.port.out.TokenClaims;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AuthEndpointsTest {

    @RegisterExtension
    static final GatewayFixture gateway = new GatewayFixture();

    @Test
    void registersAUserAndAnswersWithItsId() {
        GatewayFixture.Reply reply = gateway.post("/v1/auth/register", null,
                Map.of("username", "alice-register", "password", "s3cret-enough"));

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json().get("userId").asText()).isNotBlank();
        assertThat(reply.json().get("username").asText()).isEqualTo("alice-register");
    }

    @Test
    void refusesATakenUsernameWith409() {
        gateway.post("/v1/auth/register", null, Map.of("username", "bob-taken", "password", "s3cret-enough"));

        GatewayFixture.Reply again = gateway.post("/v1/auth/register", null,
                Map.of("username", "BOB-taken", "password", "other-secret"));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asText()).isEqualTo("USERNAME_TAKEN");
    }

    @Test
    void refusesAShortPasswordAsValidationError() {
        GatewayFixture.Reply reply = gateway.post("/v1/auth/register", null,
                Map.of("username", "carol-short", "password", "short"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("code").asText()).isEqualTo("VALIDATION_ERROR");
    }

    @Test
    void passwordGrantIssuesAFifteenMinuteBearerTokenAndARefreshToken() throws Exception {
        String username = gateway.newUser();

        GatewayFixture.Reply reply = gateway.post("/v1/auth/token", null,
                Map.of("grant_type", "password", "username", username, "password", "correct horse"));

        assertThat(reply.status()).isEqualTo(200);
        JsonNode body = reply.json();
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asLong()).isEqualTo(900);
        assertThat(body.get("refresh_token").asText()).isNotBlank();
        assertThat(body.get("scope").asText()).isEqualTo("sessions");
        TokenClaims claims = gateway.tokens.verify(body.get("access_token").asText());
        assertThat(claims.session()).isEmpty();
    }

    @Test
    void passwordGrantAcceptsAFormEncodedBody() {
        String username = gateway.newUser();
        HttpRequest request = HttpRequest.newBuilder(gateway.uri("/v1/auth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "grant_type=password&username=" + username + "&password=correct+horse"))
                .build();

        GatewayFixture.Reply reply = gateway.send(request);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("access_token").asText()).isNotBlank();
    }

    @Test
    void wrongPasswordIsUnauthorized() {
        String username = gateway.newUser();

        GatewayFixture.Reply reply = gateway.post("/v1/auth/token", null,
                Map.of("grant_type", "password", "username", username, "password", "wrong horse"));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().get("code").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(reply.json().get("message").asText()).doesNotContain("wrong horse");
    }

    @Test
    void unknownGrantTypeIsAValidationError() {
        GatewayFixture.Reply reply = gateway.post("/v1/auth/token", null, Map.of("grant_type", "client_credentials"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("code").asText()).isEqualTo("VALIDATION_ERROR");
    }

    @Test
    void refreshRotatesTheRefreshToken() {
        String first = refreshTokenOf(gateway.newUser());

        GatewayFixture.Reply rotated = gateway.post("/v1/auth/token/refresh", null, Map.of("refresh_token", first));

        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.json().get("refresh_token").asText()).isNotEqualTo(first);
        assertThat(rotated.json().get("access_token").asText()).isNotBlank();
    }

    @Test
    void refreshTokenGrantOnTheTokenEndpointRotatesToo() {
        String first = refreshTokenOf(gateway.newUser());

        GatewayFixture.Reply rotated = gateway.post("/v1/auth/token", null,
                Map.of("grant_type", "refresh_token", "refresh_token", first));

        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.json().get("refresh_token").asText()).isNotEqualTo(first);
    }

    @Test
    void reusingARotatedRefreshTokenRevokesTheWholeFamily() {
        String first = refreshTokenOf(gateway.newUser());
        String second = gateway.post("/v1/auth/token/refresh", null, Map.of("refresh_token", first))
                .json().get("refresh_token").asText();

        GatewayFixture.Reply reuse = gateway.post("/v1/auth/token/refresh", null, Map.of("refresh_token", first));
        GatewayFixture.Reply afterTheft = gateway.post("/v1/auth/token/refresh", null, Map.of("refresh_token", second));

        assertThat(reuse.status()).isEqualTo(401);
        assertThat(reuse.json().get("code").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(afterTheft.status()).isEqualTo(401);
    }

    @Test
    void anExpiredRefreshTokenIsTokenExpiredEachTimeItIsPresented() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
        try (GatewayFixture aging = new GatewayFixture(now::get)) {
            String refresh = refreshTokenOf(aging, aging.newUser());
            now.set(now.get().plus(Duration.ofDays(7)));

            GatewayFixture.Reply once = aging.post("/v1/auth/token/refresh", null, Map.of("refresh_token", refresh));
            GatewayFixture.Reply twice = aging.post("/v1/auth/token/refresh", null, Map.of("refresh_token", refresh));

            assertThat(once.status()).isEqualTo(401);
            assertThat(once.json().get("code").asText()).isEqualTo("TOKEN_EXPIRED");
            assertThat(twice.status()).isEqualTo(401);
            assertThat(twice.json().get("code").asText()).as("not taken for the reuse of a stolen token")
                    .isEqualTo("TOKEN_EXPIRED");
        }
    }

    @Test
    void revokedRefreshTokenNoLongerRefreshes() {
        String refresh = refreshTokenOf(gateway.newUser());

        GatewayFixture.Reply revoked = gateway.post("/v1/auth/token/revoke", null,
                Map.of("token", refresh, "token_type_hint", "refresh_token"));
        GatewayFixture.Reply after = gateway.post("/v1/auth/token/refresh", null, Map.of("refresh_token", refresh));

        assertThat(revoked.status()).isEqualTo(200);
        assertThat(after.status()).isEqualTo(401);
    }

    @Test
    void revokingAnUnknownTokenIsStillOk() {
        GatewayFixture.Reply revoked = gateway.post("/v1/auth/token/revoke", null, Map.of("token", "never-issued"));

        assertThat(revoked.status()).isEqualTo(200);
    }

    @Test
    void unknownRefreshTokenIsUnauthorized() {
        GatewayFixture.Reply reply = gateway.post("/v1/auth/token/refresh", null, Map.of("refresh_token", "made-up"));

        assertThat(reply.status()).isEqualTo(401);
    }

    @Test
    void jwksOfASharedSecretDeploymentHasNoKeys() {
        GatewayFixture.Reply reply = gateway.get("/v1/auth/jwks", null);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("keys").isArray()).isTrue();
        assertThat(reply.json().get("keys")).isEmpty();
    }

    private static String refreshTokenOf(String username) {
        return refreshTokenOf(gateway, username);
    }

    private static String refreshTokenOf(GatewayFixture gateway, String username) {
        return gateway.post("/v1/auth/token", null,
                Map.of("grant_type", "password", "username", username, "password", "correct horse"))
                .json().get("refresh_token").asText();
    }
}
