package io.syncbridge.app.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.syncbridge.adapter.javalin.ws.WsClient;
import io.syncbridge.app.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Session ids scoped to their owner and device tokens narrowed to their session, against the real
 * server on the in-memory stores: a stale grant opens nothing, no answer tells one user about
 * another's ids, and a device token reaches only its own session as its own device.
 */
class SessionGrantScopeIT {

    private static TestServer node;

    @BeforeAll
    static void start() {
        node = TestServer.startInMemory();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static final Map<String, Object> DELTA = Map.of("baseVersion", 0,
            "operations", List.of(Map.of("op", "add", "path", "/note", "value", "mallory was here")));

    @Test
    void aGrantForADeletedSessionDoesNotOpenAnotherUsersSessionOfTheSameId() {
        String id = TestServer.newId("morning-yoga");
        String mallory = node.signUp(TestServer.newId("mallory")).accessToken();
        assertThat(node.call("POST", "/v1/sessions", mallory, Map.of("id", id, "name", "mine")).status()).isEqualTo(201);
        String stale = node.mintDeviceToken(mallory, id, "mallory-phone");
        assertThat(node.call("DELETE", "/v1/sessions/" + id, mallory, null).status()).isEqualTo(204);

        String alice = node.signUp(TestServer.newId("alice")).accessToken();
        assertThat(node.call("POST", "/v1/sessions", alice, Map.of("id", id, "name", "diary")).status()).isEqualTo(201);
        assertThat(node.call("PUT", "/v1/sessions/" + id + "/state", alice,
                Map.of("data", Map.of("diary", "dear diary"))).status()).isEqualTo(200);

        // The deletion revoked the grant (401); within the grant cache's lifetime its incarnation refuses it (404, 403).
        assertThat(node.call("GET", "/v1/sessions/" + id + "/state", stale, null).status()).isIn(401, 404);
        assertThat(node.call("PATCH", "/v1/sessions/" + id + "/state/delta", stale, DELTA).status()).isIn(401, 404);
        assertThat(node.call("POST", "/v1/sessions/" + id + "/tokens", stale, Map.of("deviceId", "x")).status())
                .isIn(401, 403);
        assertThat(node.call("DELETE", "/v1/sessions/" + id, stale, null).status()).isIn(401, 403);
        JsonNode answer = node.authenticate(stale);
        assertThat(answer.path("type").asInt()).as("answer to the stale grant: %s", answer).isEqualTo(9);
        assertUpgradeRefused(id, stale);

        JsonNode state = node.call("GET", "/v1/sessions/" + id + "/state", alice, null).json();
        assertThat(state.path("data").path("diary").asText()).isEqualTo("dear diary");
        assertThat(state.path("data").has("note")).isFalse();
    }

    /** Refused at the upgrade (401, a revoked grant), or upgraded and then answered AuthFailure (an old incarnation). */
    private static void assertUpgradeRefused(String id, String token) {
        URI uri = URI.create("ws://127.0.0.1:" + node.port() + "/v1/ws/sessions/" + id + "?token=" + token);
        try (WsClient upgraded = WsClient.connect(HttpClient.newHttpClient(), uri)) {
            assertThat(upgraded.next().path("type").asInt()).isEqualTo(9);
        } catch (CompletionException refused) {
            assertThat(refused.getCause()).isInstanceOf(WebSocketHandshakeException.class);
            assertThat(((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode()).isEqualTo(401);
        }
    }

    @Test
    void aGrantDoesNotOpenTheSameUsersSessionCreatedAgainUnderTheSameId() {
        String id = TestServer.newId("reborn");
        String user = node.signUp(TestServer.newId("user")).accessToken();
        node.call("POST", "/v1/sessions", user, Map.of("id", id));
        String old = node.mintDeviceToken(user, id, "phone");
        assertThat(node.authenticate(old).path("type").asInt()).isEqualTo(8);
        node.call("DELETE", "/v1/sessions/" + id, user, null);
        assertThat(node.call("POST", "/v1/sessions", user, Map.of("id", id)).status()).isEqualTo(201);

        assertThat(node.call("GET", "/v1/sessions/" + id + "/state", old, null).status()).isIn(401, 404);
        assertThat(node.authenticate(old).path("type").asInt()).isEqualTo(9);
        assertThat(node.authenticate(node.mintDeviceToken(user, id, "phone")).path("type").asInt()).isEqualTo(8);
    }

    @Test
    void creatingAnIdAnotherUserHasCreatesTheCallersOwnSessionAndRevealsNothing() {
        String id = TestServer.newId("taken");
        String alice = node.signUp(TestServer.newId("alice")).accessToken();
        node.call("POST", "/v1/sessions", alice, Map.of("id", id, "name", "Alice's"));
        node.call("PUT", "/v1/sessions/" + id + "/state", alice, Map.of("data", Map.of("secret", 1)));
        String bob = node.signUp(TestServer.newId("bob")).accessToken();

        TestServer.Reply created = node.call("POST", "/v1/sessions", bob, Map.of("id", id, "name", "Bob's"));

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.json().path("id").asText()).isEqualTo(id);
        assertThat(node.call("GET", "/v1/sessions/" + id + "/state", bob, null).json().path("data").size()).isZero();
        assertThat(node.call("GET", "/v1/sessions/" + id, alice, null).json().path("name").asText())
                .isEqualTo("Alice's");
        assertThat(node.call("POST", "/v1/sessions", bob, Map.of("id", id)).json().path("code").asText())
                .isEqualTo("SESSION_ALREADY_EXISTS");
    }

    @Test
    void aDeviceTokenReachesOnlyItsOwnSessionAsItsOwnDevice() {
        String user = node.signUp(TestServer.newId("owner")).accessToken();
        String a1 = TestServer.newId("a1");
        String a2 = TestServer.newId("a2");
        node.call("POST", "/v1/sessions", user, Map.of("id", a1));
        node.call("POST", "/v1/sessions", user, Map.of("id", a2));
        String device = node.mintDeviceToken(user, a1, "phone");

        // Its own session, as its own device.
        assertThat(node.call("GET", "/v1/sessions/" + a1 + "/state", device, null).status()).isEqualTo(200);
        assertThat(node.call("PATCH", "/v1/sessions/" + a1 + "/state/delta", device, DELTA).status()).isEqualTo(200);
        assertThat(node.call("GET", "/v1/sessions/" + a1 + "/changes?since=0", device, null).status()).isEqualTo(200);
        assertThat(node.call("POST", "/v1/sessions/" + a1 + "/snapshots", device, Map.of("label", "x")).status())
                .isEqualTo(201);
        assertThat(node.authenticate(device).path("type").asInt()).isEqualTo(8);

        // Never the account's other powers.
        assertThat(node.call("GET", "/v1/sessions", device, null).status()).isEqualTo(403);
        assertThat(node.call("POST", "/v1/sessions", device, Map.of("id", TestServer.newId("new"))).status())
                .isEqualTo(403);
        assertThat(node.call("DELETE", "/v1/sessions/" + a1, device, null).status()).isEqualTo(403);
        assertThat(node.call("POST", "/v1/sessions/" + a1 + "/tokens", device, Map.of("deviceId", "laptop")).status())
                .isEqualTo(403);
        assertThat(node.call("DELETE", "/v1/sessions/" + a1 + "/devices/phone", device, null).status()).isEqualTo(403);
        assertThat(node.call("PUT", "/v1/sessions/" + a1 + "/state", device,
                Map.of("data", Map.of("k", 1), "deviceId", "laptop")).status()).isEqualTo(403);

        // Never another session.
        assertThat(node.call("GET", "/v1/sessions/" + a2 + "/state", device, null).status()).isEqualTo(404);
        assertThat(node.call("GET", "/v1/sessions/" + a2, device, null).status()).isEqualTo(404);
        assertThat(node.call("PATCH", "/v1/sessions/" + a2 + "/state/delta", device, DELTA).status()).isEqualTo(404);
        assertThat(node.call("POST", "/v1/sessions/" + a2 + "/tokens", device, Map.of("deviceId", "x")).status())
                .isEqualTo(403);
        assertThat(node.call("GET", "/v1/sessions/" + a2 + "/snapshots", device, null).status()).isEqualTo(404);
        try (WsClient client = node.connect()) {
            ObjectNode auth = WsClient.JSON.createObjectNode().put("type", 7);
            auth.putObject("payload").put("token", device).put("session_id", a2);
            client.send(auth);
            assertThat(client.next().path("type").asInt()).isEqualTo(9);
        }
        try (WsClient client = node.connect()) {
            ObjectNode auth = WsClient.JSON.createObjectNode().put("type", 7);
            auth.putObject("payload").put("token", device).put("device_id", "laptop");
            client.send(auth);
            assertThat(client.next().path("type").asInt()).isEqualTo(9);
        }
        assertThat(node.call("GET", "/v1/sessions/" + a2 + "/state", user, null).json().path("version").asLong())
                .isZero();
    }
}
