package io.syncbridge.adapter.javalin.ws;

import static io.syncbridge.adapter.javalin.GatewayFixture.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.syncbridge.adapter.javalin.GatewayFixture;
import java.net.http.WebSocketHandshakeException;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad input of every kind gets the contract's answer; afterwards the connection and the server keep
 * serving and the session's state is what it was.
 */
class WebSocketBadInputTest {

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
    private WsClient client;

    @BeforeEach
    void joinWithSomeState() {
        client = server.joinV2(user, session, "phone");
        client.send("{\"type\":5,\"payload\":{\"key\":\"keep\",\"value\":\"me\"}}");
        client.drain();
    }

    private void assertStillServingAndUnchanged() {
        client.send("{\"type\":1,\"payload\":{\"client_time\":7}}");
        assertThat(client.await(2).path("payload").path("client_time").asLong()).isEqualTo(7);
        assertThat(server.state(user, session).toString()).isEqualTo("{\"keep\":\"me\"}");
        assertThat(server.version(user, session)).isEqualTo(1);
        client.close();
    }

    private JsonNode errorFor(String frame) {
        client.send(frame);
        return client.next(6).path("payload");
    }

    @Test
    void answersMalformedJsonWith400() {
        for (String frame : List.of("{", "}", "{\"type\":5,\"payload\":{\"key\":\"a\",\"value\":}}", "nul",
                "{\"type\":5,\"type\":5}", "{'type':5}", "\u0000", " ")) {
            JsonNode error = errorFor(frame);
            assertThat(error.path("code").asInt()).as(frame).isEqualTo(400);
            assertThat(error.path("reason").asText()).isEqualTo("INVALID_MESSAGE");
        }
        assertStillServingAndUnchanged();
    }

    @Test
    void answersFieldsOfTheWrongTypeWith400() {
        for (String frame : List.of(
                "{\"type\":5,\"payload\":{\"key\":5,\"value\":1}}",
                "{\"type\":5,\"payload\":{\"key\":\"keep\",\"value\":1,\"operation\":\"MERGE\"}}",
                "{\"type\":5,\"payload\":{\"key\":\"keep\",\"value\":1,\"operation\":7}}",
                "{\"type\":10,\"payload\":{\"mutation_id\":\"m\",\"base_version\":\"1\",\"ops\":[]}}",
                "{\"type\":10,\"payload\":{\"mutation_id\":\"m\",\"base_version\":1,\"ops\":{}}}",
                "{\"type\":10,\"payload\":{\"mutation_id\":\"m\",\"base_version\":-1,\"ops\":[{\"op\":\"add\",\"path\":\"/a\",\"value\":1}]}}",
                "{\"type\":10,\"payload\":{\"base_version\":1,\"ops\":[{\"op\":\"add\",\"path\":\"/a\",\"value\":1}]}}",
                "{\"type\":10,\"payload\":{\"mutation_id\":\"m\",\"base_version\":1,\"ops\":[{\"op\":\"add\",\"path\":\"/a\"}]}}",
                "{\"type\":14,\"payload\":{\"last_version\":\"x\"}}",
                "{\"type\":16,\"payload\":{\"changes\":\"all\"}}",
                "{\"type\":18,\"payload\":{\"target_device_id\":42}}",
                "{\"type\":19,\"payload\":{\"ttl_seconds\":\"long\"}}",
                "{\"type\":7,\"payload\":{\"token\":123}}",
                "{\"type\":7,\"payload\":{\"token\":\"t\",\"device\":\"phone\"}}")) {
            JsonNode error = errorFor(frame);
            assertThat(error.path("code").asInt()).as(frame).isEqualTo(400);
        }
        assertStillServingAndUnchanged();
    }

    @Test
    void appliesNoneOfABatchWithOneMalformedChange() {
        JsonNode error = errorFor("{\"type\":16,\"payload\":{\"changes\":["
                + "{\"mutation_id\":\"b-1\",\"base_version\":1,\"ops\":[{\"op\":\"add\",\"path\":\"/a\",\"value\":1}]},"
                + "{\"mutation_id\":\"b-2\",\"base_version\":1,\"ops\":[{\"op\":\"teleport\",\"path\":\"/b\"}]}]}}");
        assertThat(error.path("code").asInt()).isEqualTo(400);
        assertThat(error.path("message").asText()).contains("changes[1]");
        assertStillServingAndUnchanged();
    }

    @Test
    void answersNestingDeeperThanAnyMessageMayBeWith400() {
        String deep = "[".repeat(500) + "]".repeat(500);
        JsonNode error = errorFor("{\"type\":5,\"payload\":{\"key\":\"deep\",\"value\":" + deep + "}}");
        assertThat(error.path("code").asInt()).isEqualTo(400);
        assertThat(error.path("reason").asText()).isEqualTo("INVALID_MESSAGE");
        assertStillServingAndUnchanged();
    }

    @Test
    void refusesStateDeeperThanTheDocumentLimitWith413() {
        String nested = "{\"a\":".repeat(40) + "1" + "}".repeat(40);
        JsonNode error = errorFor("{\"type\":5,\"payload\":{\"key\":\"deep\",\"value\":" + nested + "}}");
        assertThat(error.path("code").asInt()).isEqualTo(413);
        assertThat(error.path("reason").asText()).isEqualTo("STATE_TOO_LARGE");
        assertStillServingAndUnchanged();
    }

    @Test
    void refusesAnUpdateThatWouldGrowTheStateBeyondItsLimitWith413() {
        String chunk = "z".repeat(400_000);
        client.send("{\"type\":5,\"payload\":{\"key\":\"one\",\"value\":\"" + chunk + "\"}}");
        client.send("{\"type\":5,\"payload\":{\"key\":\"two\",\"value\":\"" + chunk + "\"}}");
        client.drain();
        JsonNode error = errorFor("{\"type\":5,\"payload\":{\"key\":\"three\",\"value\":\"" + chunk + "\"}}");
        assertThat(error.path("code").asInt()).isEqualTo(413);
        assertThat(error.path("reason").asText()).isEqualTo("STATE_TOO_LARGE");
        assertThat(server.state(user, session).has("three")).isFalse();
        assertThat(server.version(user, session)).isEqualTo(3);
        client.send("{\"type\":1}");
        client.await(2);
    }

    @Test
    void answersUnknownNegativeAndServerOnlyTypesWith400() {
        for (String frame : List.of("{\"type\":26}", "{\"type\":-5}", "{\"type\":9999999999999}", "{\"type\":8}",
                "{\"type\":11,\"payload\":{}}", "{\"type\":null}")) {
            assertThat(errorFor(frame).path("code").asInt()).as(frame).isEqualTo(400);
        }
        assertStillServingAndUnchanged();
    }

    @Test
    void answersBinaryFramesWithAnError() {
        client.sendBinary("{\"type\":5,\"payload\":{\"key\":\"keep\",\"value\":\"changed\"}}".getBytes());
        assertThat(client.next(6).path("payload").path("code").asInt()).isEqualTo(400);
        assertStillServingAndUnchanged();
    }

    @Test
    void answersEveryBadTokenWithAuthFailureAndKeepsTheOldSessionUntouched() {
        for (String token : List.of(Tokens.unsigned(user, session, "phone"), Tokens.otherAlgorithm(user, session, "phone"),
                Tokens.otherKey(user, session, "phone"), Tokens.tampered(server.sessionToken(user, session, "phone")),
                Tokens.expired(user, session, "phone"))) {
            client.send(GatewayFixture.auth(token));
            JsonNode failure = client.next(9).path("payload");
            assertThat(failure.path("code").asInt()).isEqualTo(401);
        }
        client.send("{\"type\":5,\"payload\":{\"key\":\"keep\",\"value\":\"overwritten\"}}");
        assertThat(client.next(6).path("payload").path("reason").asText()).isEqualTo("NOT_AUTHENTICATED");
        assertStillServingAndUnchanged();
    }

    @Test
    void reportsExpiredTokensAsTokenExpired() {
        client.send(GatewayFixture.auth(Tokens.expired(user, session, "phone")));
        assertThat(client.next(9).path("payload").path("reason").asText()).isEqualTo("TOKEN_EXPIRED");
        assertStillServingAndUnchanged();
    }

    @Test
    void refusesAnotherUsersSessionAsNotFound() {
        ObjectNode auth = GatewayFixture.auth(server.userToken("mallory"));
        ((ObjectNode) auth.get("payload")).put("session_id", session).put("device_id", "evil");
        client.send(auth);
        JsonNode failure = client.next(9).path("payload");
        assertThat(failure.path("code").asInt()).isEqualTo(404);
        assertThat(failure.path("reason").asText()).isEqualTo("SESSION_NOT_FOUND");
        assertStillServingAndUnchanged();
    }

    @Test
    void opensAnOwnedSessionWithAUserTokenAndTheSessionAndDeviceInTheAuth() {
        ObjectNode auth = GatewayFixture.auth(server.userToken(user));
        ((ObjectNode) auth.get("payload")).put("session_id", session).put("device_id", "laptop");
        client.send(auth);
        JsonNode success = client.next(8).path("payload");
        assertThat(success.path("device_id").asText()).isEqualTo("laptop");
        assertThat(success.path("version").asLong()).isEqualTo(1);
        ObjectNode incomplete = GatewayFixture.auth(server.userToken(user));
        client.send(incomplete);
        assertThat(client.next(9).path("payload").path("code").asInt()).isEqualTo(400);
        assertStillServingAndUnchanged();
    }

    @Test
    void refusesABadTokenOnTheSessionEndpointWith401BeforeTheUpgrade() {
        for (String query : List.of("", "?deviceId=phone", "?token=garbage&deviceId=phone",
                "?token=" + Tokens.expired(user, session, "phone") + "&deviceId=phone",
                "?token=" + Tokens.unsigned(user, session, "phone") + "&deviceId=phone",
                "?token=" + server.sessionToken(user, "another-session", "phone") + "&deviceId=phone")) {
            assertThatThrownBy(() -> server.connect("/v1/ws/sessions/" + session + query))
                    .as(query)
                    .isInstanceOf(CompletionException.class)
                    .cause().isInstanceOf(WebSocketHandshakeException.class)
                    .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode())
                            .isEqualTo(401));
        }
        assertStillServingAndUnchanged();
    }
}
