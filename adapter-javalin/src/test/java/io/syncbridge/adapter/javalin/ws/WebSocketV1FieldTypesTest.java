package io.syncbridge.adapter.javalin.ws;

import static io.syncbridge.adapter.javalin.GatewayFixture.newId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncbridge.adapter.javalin.GatewayFixture;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JSON types of the v1 payload fields (PROTOCOL.md "v1 field types"), read off the frames as
 * the server wrote them: each frame's text is parsed by a plain mapper, so a number is a number
 * and a string a string exactly as sent.
 */
class WebSocketV1FieldTypesTest {

    private static GatewayFixture server;

    @BeforeAll
    static void start() {
        server = GatewayFixture.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private final String user = newId("user");
    private final String session = newId("session");

    @Test
    void authSuccessExpiresAtIsIntegerUnixSecondsMatchingTheNewToken() throws Exception {
        try (WsClient client = server.connect()) {
            long before = Instant.now().getEpochSecond();
            client.send(GatewayFixture.auth(server.sessionToken(user, session, "phone")));
            JsonNode success = client.next(8).path("payload");
            JsonNode expiresAt = success.get("expires_at");
            assertThat(expiresAt.isIntegralNumber()).as("expires_at %s", expiresAt).isTrue();
            assertThat(expiresAt.longValue()).isBetween(before + 14 * 60, Instant.now().getEpochSecond() + 15 * 60);
            assertThat(Tokens.claimsOf(success.path("new_token").textValue()).path("exp").longValue())
                    .isEqualTo(expiresAt.longValue());
        }
    }

    @Test
    void snapshotCreatedAtIsNullForAFreshSessionAndIntegerUnixSecondsOnceWritten() {
        try (WsClient client = server.joinV1(user, session, "phone")) {
            client.send("{\"type\":3}");
            JsonNode fresh = client.next(4).path("payload");
            assertThat(fresh.has("created_at")).isTrue();
            assertThat(fresh.get("created_at").isNull()).isTrue();

            long before = Instant.now().getEpochSecond();
            client.send("{\"type\":5,\"payload\":{\"key\":\"step\",\"value\":1}}");
            client.send("{\"type\":3}");
            JsonNode written = client.next(4).path("payload");
            JsonNode createdAt = written.get("created_at");
            assertThat(createdAt.isIntegralNumber()).as("created_at %s", createdAt).isTrue();
            assertThat(createdAt.longValue()).isBetween(before - 1, Instant.now().getEpochSecond());
        }
    }

    @Test
    void v1ErrorDetailsIsAnEmptyStringWhenThereIsNothingMoreToSay() {
        try (WsClient client = server.connect()) {
            client.send("{\"type\":3}");
            JsonNode notAuthenticated = client.next(6).path("payload");
            assertThat(notAuthenticated.path("code").isInt()).isTrue();
            assertThat(notAuthenticated.get("details").isTextual()).isTrue();
            assertThat(notAuthenticated.get("details").textValue()).isEmpty();

            client.send("{\"type\":99}");
            JsonNode invalid = client.next(6).path("payload");
            assertThat(invalid.path("reason").asText()).isEqualTo("INVALID_MESSAGE");
            assertThat(invalid.get("details").isTextual()).isTrue();
            assertThat(invalid.get("details").textValue()).isEmpty();
        }
    }

    @Test
    void v2ConnectionsKeepObjectDetailsInErrors() {
        try (WsClient client = server.joinV2(user, session, "phone")) {
            client.send("{\"type\":10,\"payload\":{\"mutation_id\":\"m-1\",\"base_version\":0,"
                    + "\"ops\":[{\"op\":\"remove\",\"path\":\"/missing\"}]}}");
            JsonNode error = client.next(6).path("payload");
            assertThat(error.get("details").isObject()).isTrue();
            assertThat(error.path("details").path("mutation_id").asText()).isEqualTo("m-1");
        }
    }

    @Test
    void broadcastStateUpdateEnvelopeCarriesTheSendersUserId() {
        try (WsClient sender = server.joinV1(user, session, "phone");
             WsClient other = server.joinV1(user, session, "laptop")) {
            sender.send("{\"type\":5,\"payload\":{\"key\":\"volume\",\"value\":7}}");
            JsonNode broadcast = other.next(5);
            assertThat(broadcast.get("user_id").isTextual()).isTrue();
            assertThat(broadcast.get("user_id").textValue()).isEqualTo(user);
            assertThat(broadcast.get("session_id").textValue()).isEqualTo(session);
            assertThat(broadcast.get("timestamp").isIntegralNumber()).isTrue();
        }
    }

    @Test
    void newTokenKeepsTheV1ClaimsOfTheTokenItReplacesWithAFreshExpiry() throws Exception {
        Instant issued = Instant.now().minusSeconds(120);
        String v1Token = Tokens.v1WithEmail(user, session, "phone", "ann@example.com", issued);
        try (WsClient client = server.connect()) {
            client.send(GatewayFixture.auth(v1Token));
            JsonNode success = client.next(8).path("payload");
            String fresh = success.path("new_token").textValue();
            assertThat(fresh).isNotEqualTo(v1Token);
            JsonNode claims = Tokens.claimsOf(fresh);
            assertThat(claims.path("user_id").textValue()).isEqualTo(user);
            assertThat(claims.path("email").textValue()).isEqualTo("ann@example.com");
            assertThat(claims.path("device_id").textValue()).isEqualTo("phone");
            assertThat(claims.path("session_id").textValue()).isEqualTo(session);
            assertThat(claims.path("iat").longValue()).isGreaterThan(issued.getEpochSecond());
            assertThat(claims.path("exp").longValue()).isGreaterThan(issued.plusSeconds(600).getEpochSecond());
            // And the fresh token is as good as the old one: it opens the same session for the same device.
            assertThat(server.tokens.verify(fresh).email()).contains("ann@example.com");
        }
    }
}
