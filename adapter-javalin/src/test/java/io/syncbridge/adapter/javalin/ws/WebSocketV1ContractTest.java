package io.syncbridge.adapter.javalin.ws;

import static io.syncbridge.adapter.javalin.GatewayFixture.newId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.syncbridge.adapter.javalin.GatewayFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One test per v1 bullet of the WebSocket contract (PROTOCOL.md), against a real server and client. */
class WebSocketV1ContractTest {

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

    private static ObjectNode message(int type) {
        return WsClient.JSON.createObjectNode().put("type", type);
    }

    private static ObjectNode update(String key, Object value) {
        ObjectNode message = message(5);
        ObjectNode payload = message.putObject("payload").put("key", key);
        payload.set("value", WsClient.JSON.valueToTree(value));
        return message;
    }

    @Test
    void upgradesOnWsAndV1WsWithNoHeaderQueryOrSubprotocol() {
        for (String path : List.of("/ws", "/v1/ws")) {
            try (WsClient client = server.connect(path)) {
                client.send("{\"type\":1,\"payload\":{\"client_time\":5}}");
                assertThat(client.next(2).path("payload").path("client_time").asLong()).isEqualTo(5);
            }
        }
    }

    @Test
    void authenticatesAtTheUpgradeOfTheSessionEndpoint() {
        String token = server.sessionToken(user, session, "phone");
        try (WsClient client = server.connect("/v1/ws/sessions/" + session + "?token=" + token + "&deviceId=phone")) {
            JsonNode success = client.next(8);
            assertThat(success.path("payload").path("session_id").asText()).isEqualTo(session);
            assertThat(success.path("payload").path("device_id").asText()).isEqualTo("phone");
            client.send(update("mood", "calm"));
            client.drain();
            assertThat(server.state(user, session).path("mood").asText()).isEqualTo("calm");
        }
    }

    @Test
    void closesTheSessionEndpointWhenTheTokenIsGoodButTheSessionIsNotTheirs() {
        server.createSession(user, session);
        try (WsClient client = server.connect("/v1/ws/sessions/" + session + "?token=" + server.userToken("mallory")
                + "&deviceId=phone")) {
            JsonNode failure = client.next(9).path("payload");
            assertThat(failure.path("code").asInt()).isEqualTo(404);
            assertThat(client.awaitClose().code()).isEqualTo(1008);
        }
    }

    @Test
    void answersABinaryFrameWithAnErrorAndStaysOpen() {
        try (WsClient client = server.connect()) {
            client.sendBinary(new byte[] {1, 2, 3});
            JsonNode error = client.next(6).path("payload");
            assertThat(error.path("code").asInt()).isEqualTo(400);
            assertThat(error.path("reason").asText()).isEqualTo("INVALID_MESSAGE");
            client.send("{\"type\":1}");
            client.next(2);
        }
    }

    @Test
    void answersAFrameOverTheLimitWith413AndAppliesNothing() {
        try (WsClient client = server.joinV1(user, session, "phone")) {
            String big = "x".repeat(524_288);
            client.send(update("big", big));
            JsonNode error = client.next(6).path("payload");
            assertThat(error.path("code").asInt()).isEqualTo(413);
            assertThat(error.path("reason").asText()).isEqualTo("MESSAGE_TOO_LARGE");
            assertThat(server.state(user, session).has("big")).isFalse();
            client.send(update("small", 1));
            client.drain();
            assertThat(server.state(user, session).path("small").asInt()).isEqualTo(1);
        }
    }

    @Test
    void closesWith1009AFrameFarOverTheLimit() {
        try (WsClient client = server.joinV1(user, session, "phone")) {
            client.send(update("huge", "y".repeat(2 * 524_288 + 10)));
            assertThat(client.awaitClose().code()).isEqualTo(1009);
            assertThat(server.state(user, session).has("huge")).isFalse();
        }
    }

    @Test
    void needsOnlyTheTypeAndIgnoresTimestampsInMillisecondsAndUnknownFields() {
        try (WsClient client = server.connect()) {
            client.send("{\"type\":1}");
            assertThat(client.next(2).path("payload").path("client_time").isNull()).isTrue();
            client.send("{\"type\":1,\"payload\":null,\"timestamp\":1707657600123,\"extra\":[1,2],\"session_id\":\"x\"}");
            client.next(2);
        }
    }

    @Test
    void stampsEveryServerMessageWithTypeAndTimestampInSecondsAndEchoesTheCorrelationId() {
        try (WsClient client = server.connect()) {
            long before = System.currentTimeMillis() / 1000;
            client.send("{\"type\":1,\"correlation_id\":\"c-1\",\"payload\":{\"client_time\":1}}");
            JsonNode ack = client.next(2);
            client.send("{\"type\":3,\"correlation_id\":\"c-2\"}");
            JsonNode error = client.next(6);
            client.send("{\"type\":7,\"correlation_id\":\"c-3\",\"payload\":{\"token\":\"nope\"}}");
            JsonNode failure = client.next(9);
            long after = System.currentTimeMillis() / 1000;
            for (JsonNode reply : List.of(ack, error, failure)) {
                assertThat(reply.path("type").isNumber()).isTrue();
                assertThat(reply.path("timestamp").isIntegralNumber()).isTrue();
                assertThat(reply.path("timestamp").asLong()).isBetween(before, after);
            }
            assertThat(List.of(ack, error, failure)).extracting(r -> r.path("correlation_id").asText())
                    .containsExactly("c-1", "c-2", "c-3");
        }
    }

    @Test
    void answersUnknownNegativeAndMalformedMessagesWith400AndStaysOpen() {
        try (WsClient client = server.connect()) {
            for (String bad : List.of("{\"type\":99}", "{\"type\":-1}", "{\"type\":0}", "not json", "{\"type\":1,",
                    "{\"type\":1,\"payload\":[1]}", "{\"type\":1,\"payload\":\"x\"}", "[1,2]", "{\"payload\":{}}",
                    "{\"type\":\"1\"}", "{\"type\":1.5}", "{\"type\":2}", "{\"type\":1} trailing")) {
                client.send(bad);
                JsonNode error = client.next(6).path("payload");
                assertThat(error.path("code").asInt()).as(bad).isEqualTo(400);
                assertThat(error.path("reason").asText()).as(bad).isEqualTo("INVALID_MESSAGE");
                assertThat(error.has("message")).isTrue();
                assertThat(error.has("details")).isTrue();
            }
            client.send("{\"type\":1}");
            client.next(2);
        }
    }

    @Test
    void answersAHeartbeatBeforeAuthenticationEchoingTheClientTimeExactly() {
        try (WsClient client = server.connect()) {
            // Larger than a double can hold exactly: the echo must be the same JSON number.
            client.send("{\"type\":1,\"payload\":{\"client_time\":9007199254740993}}");
            JsonNode first = client.next(2).path("payload");
            assertThat(first.path("client_time").toString()).isEqualTo("9007199254740993");
            client.send("{\"type\":1,\"payload\":{\"client_time\":1707657600123}}");
            JsonNode second = client.next(2).path("payload");
            assertThat(second.path("client_time").toString()).isEqualTo("1707657600123");
            client.send("{\"type\":1,\"payload\":{\"client_time\":1707657600}}");
            JsonNode third = client.next(2).path("payload");
            assertThat(third.path("client_time").toString()).isEqualTo("1707657600");
            assertThat(second.path("server_time").asLong()).isGreaterThanOrEqualTo(first.path("server_time").asLong());
            assertThat(third.path("server_time").asLong()).isGreaterThanOrEqualTo(second.path("server_time").asLong());
            assertThat(third.path("server_time").asLong())
                    .isBetween(System.currentTimeMillis() / 1000 - 5, System.currentTimeMillis() / 1000 + 1);
        }
    }

    @Test
    void answersASnapshotRequestOnANewSessionWithEmptyStateAndNullCreatedAt() {
        try (WsClient client = server.joinV1(user, session, "phone")) {
            client.send("{\"type\":3}");
            JsonNode snapshot = client.next(4).path("payload");
            assertThat(snapshot.path("session_id").asText()).isEqualTo(session);
            assertThat(snapshot.path("state_data").isObject()).isTrue();
            assertThat(snapshot.path("state_data").size()).isZero();
            assertThat(snapshot.has("created_at")).isTrue();
            assertThat(snapshot.get("created_at").isNull()).isTrue();
            assertThat(snapshot.path("version").asLong()).isZero();
        }
    }

    @Test
    void answersASnapshotRequestWithTheCurrentState() {
        try (WsClient client = server.joinV1(user, session, "phone")) {
            client.send(update("step", 3));
            client.send("{\"type\":3,\"payload\":{}}");
            JsonNode snapshot = client.next(4).path("payload");
            assertThat(snapshot.path("state_data")).isEqualTo(WsClient.JSON.valueToTree(Map.of("step", 3)));
            assertThat(snapshot.path("created_at").isIntegralNumber()).isTrue();
            assertThat(snapshot.path("version").asLong()).isEqualTo(1);
        }
    }

    @Test
    void setsAKeyWithSetOrNoOperationSetsNullWithoutValueAndDeletesWithDelete() {
        try (WsClient client = server.joinV1(user, session, "phone")) {
            client.send("{\"type\":5,\"payload\":{\"key\":\"a\",\"value\":1,\"operation\":\"SET\"}}");
            client.send("{\"type\":5,\"payload\":{\"key\":\"b\",\"value\":{\"x\":[1,2]}}}");
            client.send("{\"type\":5,\"payload\":{\"key\":\"c\"}}");
            client.send("{\"type\":5,\"payload\":{\"key\":\"d\",\"value\":true}}");
            client.send("{\"type\":5,\"payload\":{\"key\":\"d\",\"operation\":\"DELETE\"}}");
            client.send("{\"type\":5,\"payload\":{\"key\":\"never-there\",\"operation\":\"DELETE\"}}");
            assertThat(client.drain()).isEmpty();
            JsonNode state = server.state(user, session);
            assertThat(state.path("a").asInt()).isEqualTo(1);
            assertThat(state.path("b")).isEqualTo(WsClient.JSON.valueToTree(Map.of("x", List.of(1, 2))));
            assertThat(state.has("c")).isTrue();
            assertThat(state.get("c").isNull()).isTrue();
            assertThat(state.has("d")).isFalse();
        }
    }

    @Test
    void broadcastsAnUpdateToTheOtherV1ConnectionsWithExactlyKeyAndValue() {
        try (WsClient sender = server.joinV1(user, session, "phone");
             WsClient other = server.joinV1(user, session, "laptop");
             WsClient sameDevice = server.joinV1(user, session, "laptop")) {
            sender.send(update("volume", 7));
            JsonNode broadcast = other.await(5);
            assertThat(broadcast.path("payload")).isEqualTo(WsClient.JSON.valueToTree(Map.of("key", "volume", "value", 7)));
            // Durable before broadcast: the store has it the moment the broadcast arrives.
            assertThat(server.state(user, session).path("volume").asInt()).isEqualTo(7);
            assertThat(sameDevice.await(5).path("payload").path("value").asInt()).isEqualTo(7);
            sender.send("{\"type\":5,\"payload\":{\"key\":\"volume\",\"operation\":\"DELETE\"}}");
            JsonNode deleted = other.await(5);
            assertThat(deleted.path("payload"))
                    .isEqualTo(WsClient.JSON.valueToTree(Map.of("key", "volume", "operation", "DELETE")));
            // The sender joined first, so its copy (if any) would have been queued before the others'.
            assertThat(sender.drain()).isEmpty();
        }
    }

    @Test
    void answersAnErrorWithCodeReasonMessageAndDetails() {
        try (WsClient client = server.joinV1(user, session, "phone")) {
            client.send("{\"type\":5,\"payload\":{\"value\":1}}");
            JsonNode error = client.next(6).path("payload");
            assertThat(error.path("code").isInt()).isTrue();
            assertThat(error.path("reason").asText()).matches("[A-Z_]+");
            assertThat(error.path("message").asText()).isNotBlank();
            assertThat(error.path("details").isTextual()).isTrue();
        }
    }

    @Test
    void answersAuthWithAFreshTokenAndTheSessionItsDevicesAndVersion() throws Exception {
        String token = server.sessionToken(user, session, "phone");
        try (WsClient client = server.connect()) {
            ObjectNode auth = GatewayFixture.auth(token);
            ((ObjectNode) auth.get("payload")).putObject("device").put("type", "ios").put("name", "Ann's phone");
            client.send(auth);
            JsonNode success = client.next(8).path("payload");
            assertThat(success.path("new_token").asText()).isNotBlank().isNotEqualTo(token);
            assertThat(server.tokens.verify(success.path("new_token").asText()).session().orElseThrow().clientId())
                    .isEqualTo(session);
            assertThat(success.path("expires_at").isIntegralNumber()).isTrue();
            assertThat(success.path("session_id").asText()).isEqualTo(session);
            assertThat(success.path("user_id").asText()).isEqualTo(user);
            assertThat(success.path("device_id").asText()).isEqualTo("phone");
            assertThat(success.path("version").asLong()).isZero();
            assertThat(success.path("active_device_id").asText()).isEqualTo("phone");
            assertThat(success.path("devices")).hasSize(1);
            assertThat(success.path("devices").get(0).path("id").asText()).isEqualTo("phone");
            assertThat(success.path("devices").get(0).path("type").asText()).isEqualTo("ios");
            assertThat(success.path("devices").get(0).path("name").asText()).isEqualTo("Ann's phone");
        }
    }

    @Test
    void answersTokenProblemsWithAuthFailure401NeverAnError() {
        List<String> bad = List.of("", "not-a-jwt", "a.b.c", Tokens.expired(user, session, "phone"),
                Tokens.tampered(server.sessionToken(user, session, "phone")), Tokens.unsigned(user, session, "phone"));
        try (WsClient client = server.connect()) {
            for (String token : bad) {
                client.send(GatewayFixture.auth(token));
                JsonNode failure = client.next(9).path("payload");
                assertThat(failure.path("code").asInt()).as(token).isEqualTo(401);
                assertThat(failure.path("reason").asText()).as(token).isIn("INVALID_TOKEN", "TOKEN_EXPIRED");
                assertThat(failure.path("message").asText()).isNotBlank();
            }
            client.send("{\"type\":7,\"payload\":{}}");
            assertThat(client.next(9).path("payload").path("code").asInt()).isEqualTo(401);
            client.send("{\"type\":7}");
            assertThat(client.next(9).path("payload").path("code").asInt()).isEqualTo(401);
        }
    }

    @Test
    void answersAnythingButHeartbeatAndAuthBeforeAuthenticationWith403() {
        try (WsClient client = server.connect()) {
            for (int type : List.of(3, 5, 10, 14, 16, 18, 19)) {
                client.send("{\"type\":" + type + ",\"payload\":{\"key\":\"a\",\"value\":1}}");
                JsonNode error = client.next(6).path("payload");
                assertThat(error.path("code").asInt()).isEqualTo(403);
                assertThat(error.path("reason").asText()).isEqualTo("NOT_AUTHENTICATED");
                assertThat(error.path("message").asText()).isEqualTo("Not authenticated");
            }
        }
    }

    @Test
    void reauthenticatesWhenAuthIsSentAgain() {
        try (WsClient client = server.joinV1(user, session, "phone")) {
            client.send(update("k", 1));
            String other = newId("session");
            client.send(GatewayFixture.auth(server.sessionToken(user, other, "phone")));
            JsonNode again = client.await(8).path("payload");
            assertThat(again.path("session_id").asText()).isEqualTo(other);
            client.send(update("k", 2));
            client.drain();
            assertThat(server.state(user, session).path("k").asInt()).isEqualTo(1);
            assertThat(server.state(user, other).path("k").asInt()).isEqualTo(2);
        }
    }

    @Test
    void appliesOneConnectionsUpdatesInTheOrderSent() {
        try (WsClient sender = server.joinV1(user, session, "phone");
             WsClient watcher = server.joinV1(user, session, "laptop")) {
            for (int i = 1; i <= 50; i++) {
                sender.send(update("counter", i));
            }
            List<Integer> seen = new ArrayList<>();
            for (int i = 1; i <= 50; i++) {
                seen.add(watcher.await(5).path("payload").path("value").asInt());
            }
            assertThat(seen).isSorted().hasSize(50).endsWith(50);
            assertThat(server.state(user, session).path("counter").asInt()).isEqualTo(50);
        }
    }

    @Test
    void keepsConcurrentUpdatesOfDifferentKeysFromDifferentConnections() throws Exception {
        int writers = 4;
        int perWriter = 25;
        List<WsClient> clients = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            clients.add(server.joinV1(user, session, "device-" + w));
        }
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            WsClient client = clients.get(w);
            int writer = w;
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < perWriter; i++) {
                    client.send(update("w" + writer + "-" + i, i));
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        clients.forEach(WsClient::drain);
        clients.forEach(WsClient::close);
        assertThat(server.state(user, session).size()).isEqualTo(writers * perWriter);
        assertThat(server.version(user, session)).isEqualTo(writers * perWriter);
    }

    @Test
    void neverSendsASnapshotUnrequested() {
        try (WsClient watcher = server.joinV1(user, session, "phone");
             WsClient writer = server.joinV1(user, session, "laptop")) {
            writer.send(update("a", 1));
            watcher.await(5);
            writer.close();
            List<JsonNode> pending = watcher.drain();
            assertThat(pending).extracting(m -> m.path("type").asInt()).doesNotContain(4);
        }
    }

    @Test
    void keepsAnUpdateWhenTheSocketClosesRightAfterSendingIt() {
        WsClient client = server.joinV1(user, session, "phone");
        client.send(update("last-words", "saved"));
        client.close();
        Eventually.until("the update sent just before closing is stored", java.time.Duration.ofSeconds(5),
                () -> server.state(user, session).path("last-words").asText().equals("saved"));
    }

    @Test
    void broadcastsToEveryOtherDeviceInTheSameOrder() {
        try (WsClient a = server.joinV1(user, session, "a");
             WsClient b = server.joinV1(user, session, "b");
             WsClient c = server.joinV1(user, session, "c")) {
            for (int i = 0; i < 10; i++) {
                a.send(update("k" + i, i));
            }
            for (WsClient receiver : List.of(b, c)) {
                List<String> keys = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    keys.add(receiver.await(5).path("payload").path("key").asText());
                }
                assertThat(keys).containsExactly("k0", "k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8", "k9");
            }
        }
    }
}
