package io.syncbridge.app.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.syncbridge.adapter.javalin.ws.Eventually;
import io.syncbridge.adapter.javalin.ws.WsClient;
import io.syncbridge.app.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Revocation on every node: two servers share the Redis on 127.0.0.1:6379 (under a key prefix of
 * this test's own); a grant withdrawn on node A (a device removed, a refresh family revoked, a
 * session deleted) stops its tokens on node B, on REST (401) and on the WebSocket (refused at the
 * upgrade, AuthFailure to an Auth message), while the tokens of other grants keep working. Also the
 * token presented in {@code Sec-WebSocket-Protocol} instead of the URL.
 */
class GrantRevocationIT {

    /** Far longer than the grant cache's few seconds: the checks poll until the revocation shows. */
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String PREFIX = "sb-grants-" + UUID.randomUUID() + ":";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static TestServer nodeA;
    private static TestServer nodeB;

    @BeforeAll
    static void startNodes() {
        nodeA = TestServer.start(TestServer.SHARED_REDIS, Map.of("REDIS_KEY_PREFIX", PREFIX));
        nodeB = TestServer.start(TestServer.SHARED_REDIS, Map.of("REDIS_KEY_PREFIX", PREFIX));
    }

    @AfterAll
    static void stopNodes() {
        try {
            if (nodeA != null) {
                nodeA.close();
            }
            if (nodeB != null) {
                nodeB.close();
            }
        } finally {
            deleteKeys();
        }
    }

    @Test
    void aRemovedDevicesTokenStopsWorkingOnTheOtherNode() {
        String user = nodeA.signUp(TestServer.newId("user")).accessToken();
        String session = createSession(user);
        String phone = nodeA.mintDeviceToken(user, session, "phone");
        String laptop = nodeA.mintDeviceToken(user, session, "laptop");
        assertThat(nodeB.authenticate(phone).path("type").asInt()).isEqualTo(8);
        assertThat(stateStatus(nodeB, session, phone)).isEqualTo(200);

        assertThat(nodeA.call("DELETE", "/v1/sessions/" + session + "/devices/phone", user, null).status())
                .isEqualTo(204);

        awaitRefused(nodeB, session, phone);
        assertThat(stateStatus(nodeB, session, laptop)).isEqualTo(200);
        assertThat(nodeB.authenticate(laptop).path("type").asInt()).isEqualTo(8);
    }

    @Test
    void afterLogoutTheLoginsAccessTokenAndTheDeviceTokensItMintedStopOnTheOtherNode() {
        String username = TestServer.newId("user");
        TestServer.SignedIn login = nodeA.signUp(username);
        TestServer.SignedIn otherLogin = nodeA.signIn(username);
        String session = createSession(login.accessToken());
        String phone = nodeA.mintDeviceToken(login.accessToken(), session, "phone");
        assertThat(nodeB.call("GET", "/v1/sessions", login.accessToken(), null).status()).isEqualTo(200);
        assertThat(authenticateWithUserToken(nodeB, login.accessToken(), session).path("type").asInt()).isEqualTo(8);

        assertThat(nodeA.call("POST", "/v1/auth/token/revoke", null,
                Map.of("token", login.refreshToken(), "token_type_hint", "refresh_token")).status()).isEqualTo(200);

        Eventually.until("the logged-out access token refused on node B", WAIT,
                () -> nodeB.call("GET", "/v1/sessions", login.accessToken(), null).status() == 401);
        JsonNode refused = authenticateWithUserToken(nodeB, login.accessToken(), session);
        assertThat(refused.path("type").asInt()).isEqualTo(9);
        assertThat(refused.path("payload").path("reason").asText()).isEqualTo("INVALID_TOKEN");
        awaitRefused(nodeB, session, phone);
        assertThat(nodeB.call("GET", "/v1/sessions", otherLogin.accessToken(), null).status()).isEqualTo(200);
    }

    @Test
    void aDeletedSessionsTokensStopWorkingOnTheOtherNode() {
        String user = nodeA.signUp(TestServer.newId("user")).accessToken();
        String session = createSession(user);
        String phone = nodeA.mintDeviceToken(user, session, "phone");
        String other = createSession(user);
        String otherPhone = nodeA.mintDeviceToken(user, other, "phone");
        assertThat(stateStatus(nodeB, session, phone)).isEqualTo(200);

        assertThat(nodeA.call("DELETE", "/v1/sessions/" + session, user, null).status()).isEqualTo(204);

        awaitRefused(nodeB, session, phone);
        assertThat(stateStatus(nodeB, other, otherPhone)).isEqualTo(200);
    }

    @Test
    void theTokenInSecWebSocketProtocolOpensTheSessionAndIsNeverEchoed() {
        String user = nodeA.signUp(TestServer.newId("user")).accessToken();
        String session = createSession(user);
        String phone = nodeA.mintDeviceToken(user, session, "phone");
        URI uri = URI.create("ws://127.0.0.1:" + nodeB.port() + "/v1/ws/sessions/" + session);

        try (WsClient client = WsClient.connect(HTTP, uri, "syncbridge.v1", "token." + phone)) {
            assertThat(client.subprotocol()).isEqualTo("syncbridge.v1");
            JsonNode success = client.next();
            assertThat(success.path("type").asInt()).as("answer: %s", success).isEqualTo(8);
            assertThat(success.path("payload").path("device_id").asText()).isEqualTo("phone");
        }
        try (WsClient client = WsClient.connect(HTTP, uri, "token." + phone, "syncbridge.v1")) {
            assertThat(client.subprotocol()).isEqualTo("syncbridge.v1");
            assertThat(client.next().path("type").asInt()).isEqualTo(8);
        }
        try (WsClient client = WsClient.connect(HTTP, URI.create("ws://127.0.0.1:" + nodeB.port() + "/v1/ws"),
                "token." + phone, "syncbridge.v1")) {
            assertThat(client.subprotocol()).isEqualTo("syncbridge.v1");
        }

        nodeA.call("DELETE", "/v1/sessions/" + session + "/devices/phone", user, null);

        Eventually.until("the removed device's subprotocol token refused at the upgrade", WAIT,
                () -> upgradeStatus(() -> WsClient.connect(HTTP, uri, "syncbridge.v1", "token." + phone)) == 401);
    }

    @Test
    void theTokenInTheFirstMessageIsCheckedAgainstItsGrant() {
        String user = nodeA.signUp(TestServer.newId("user")).accessToken();
        String session = createSession(user);
        String phone = nodeA.mintDeviceToken(user, session, "phone");
        JsonNode success = nodeB.authenticate(phone);
        assertThat(success.path("type").asInt()).isEqualTo(8);
        String renewed = success.path("payload").path("new_token").asText();
        assertThat(nodeB.authenticate(renewed).path("type").asInt()).as("the renewed token").isEqualTo(8);

        nodeA.call("DELETE", "/v1/sessions/" + session + "/devices/phone", user, null);

        Eventually.until("the renewed token of the removed device refused in Auth", WAIT,
                () -> nodeB.authenticate(renewed).path("type").asInt() == 9);
        JsonNode failure = nodeB.authenticate(renewed);
        assertThat(failure.path("payload").path("code").asInt()).isEqualTo(401);
        assertThat(failure.path("payload").path("reason").asText()).isEqualTo("INVALID_TOKEN");
    }

    /** Polls until {@code token} is refused on REST (401), then checks the WebSocket refuses it too. */
    private static void awaitRefused(TestServer node, String session, String token) {
        Eventually.until("the revoked token refused on REST", WAIT, () -> stateStatus(node, session, token) == 401);
        JsonNode answer = node.authenticate(token);
        assertThat(answer.path("type").asInt()).as("Auth answer: %s", answer).isEqualTo(9);
        assertThat(answer.path("payload").path("code").asInt()).isEqualTo(401);
        URI uri = URI.create("ws://127.0.0.1:" + node.port() + "/v1/ws/sessions/" + session + "?token=" + token);
        assertThat(upgradeStatus(() -> WsClient.connect(HTTP, uri))).isEqualTo(401);
    }

    private static String createSession(String userToken) {
        String session = TestServer.newId("session");
        assertThat(nodeA.call("POST", "/v1/sessions", userToken, Map.of("id", session)).status()).isEqualTo(201);
        return session;
    }

    private static int stateStatus(TestServer node, String session, String token) {
        return node.call("GET", "/v1/sessions/" + session + "/state", token, null).status();
    }

    private static JsonNode authenticateWithUserToken(TestServer node, String userToken, String session) {
        try (WsClient client = node.connect()) {
            ObjectNode auth = WsClient.JSON.createObjectNode().put("type", 7);
            auth.putObject("payload").put("token", userToken).put("session_id", session).put("device_id", "desk");
            client.send(auth);
            return client.next();
        }
    }

    /** The HTTP status the upgrade was refused with, or 101 when it succeeded. */
    private static int upgradeStatus(java.util.function.Supplier<WsClient> connect) {
        try {
            connect.get().close();
            return 101;
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(WebSocketHandshakeException.class);
            return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
        }
    }

    private static void deleteKeys() {
        try (Jedis jedis = new Jedis("127.0.0.1", 6379)) {
            String cursor = ScanParams.SCAN_POINTER_START;
            ScanParams params = new ScanParams().match(PREFIX + "*").count(1_000);
            do {
                ScanResult<String> page = jedis.scan(cursor, params);
                page.getResult().forEach(jedis::del);
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        }
    }
}
