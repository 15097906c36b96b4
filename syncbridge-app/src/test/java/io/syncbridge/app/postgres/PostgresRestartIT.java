package io.syncbridge.app.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.adapter.javalin.ws.Eventually;
import io.syncbridge.adapter.javalin.ws.WsClient;
import io.syncbridge.app.TestSchema;
import io.syncbridge.app.TestServer;
import io.syncbridge.app.TestServer.Reply;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A server stopped and a new one started on the same schema (and the same Redis, where the live
 * heads are) keeps what PostgreSQL holds: accounts, the session catalogue and the device registry.
 */
class PostgresRestartIT {

    private final TestSchema schema = new TestSchema();
    private final TestRedisKeys redis = new TestRedisKeys();
    private TestServer server;

    @BeforeEach
    void startServer() {
        server = TestServer.start(TestServer.environment(TestSchema.URL, schema.name, true));
    }

    @AfterEach
    void cleanUp() {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            try {
                redis.deleteAll();
            } finally {
                schema.close();
            }
        }
    }

    @Test
    void aRestartedServerKeepsAccountsSessionsAndDevices() {
        String username = TestServer.newUsername();
        TestServer.require(server.register(username), 201);
        Reply firstLogin = TestServer.require(server.login(username), 200);
        String token = firstLogin.json().get("access_token").asText();
        String refresh = firstLogin.json().get("refresh_token").asText();
        String first = redis.newSessionId();
        String second = redis.newSessionId();
        TestServer.require(server.createSession(token, first, "Morning flow", "breathing"), 201);
        TestServer.require(server.createSession(token, second, "Playlist", "meditation"), 201);
        try (WsClient phone = server.join(token, first, "phone", "ios");
             WsClient laptop = server.join(token, first, "laptop", "desktop")) {
            phone.send(5, Map.of("key", "step", "value", 4));
            assertThat(laptop.await(5).path("payload").path("value").asInt()).isEqualTo(4);
        }
        // The registry is written off the join path, moments after each join.
        Eventually.until("both devices are in the registry", java.time.Duration.ofSeconds(10), () -> schema.rows(
                "SELECT device_id FROM session_devices WHERE session_id LIKE ?", "%/" + first).size() == 2);

        server.close();
        server = TestServer.start(TestServer.environment(TestSchema.URL, schema.name, true));

        Reply login = server.login(username);
        assertThat(login.status()).as("the account survived: %s", login.text()).isEqualTo(200);
        String newToken = login.json().get("access_token").asText();
        assertThat(server.post("/v1/auth/token/refresh", null, Map.of("refresh_token", refresh)).status())
                .as("the refresh token survived").isEqualTo(200);
        Reply listing = server.get("/v1/sessions", newToken);
        assertThat(listing.status()).isEqualTo(200);
        assertThat(listing.json().get("total").asLong()).isEqualTo(2);
        assertThat(listing.json().get("sessions")).extracting(s -> s.get("id").asText())
                .containsExactlyInAnyOrder(first, second);
        Reply session = server.get("/v1/sessions/" + first, newToken);
        assertThat(session.status()).as("the head survived in Redis: %s", session.text()).isEqualTo(200);
        assertThat(session.json().path("state").path("data").path("step").asInt()).isEqualTo(4);
        assertThat(server.get("/v1/sessions/" + first + "/devices", newToken).json().get("devices"))
                .extracting(d -> d.get("id").asText()).containsExactly("phone", "laptop");
        List<Map<String, Object>> registry = schema.rows("SELECT device_id, kind FROM session_devices "
                + "WHERE session_id LIKE ? ORDER BY joined_seq", "%/" + first);
        assertThat(registry).containsExactly(Map.of("device_id", "phone", "kind", "ios"),
                Map.of("device_id", "laptop", "kind", "desktop"));
        try (WsClient phoneAgain = server.join(newToken, first, "phone", "ios")) {
            assertThat(phoneAgain.isClosed()).as("a known device opens the session again").isFalse();
        }
    }
}
