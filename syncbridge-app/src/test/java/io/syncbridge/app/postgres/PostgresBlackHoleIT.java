package io.syncbridge.app.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.syncbridge.adapter.javalin.ws.Eventually;
import io.syncbridge.adapter.javalin.ws.WsClient;
import io.syncbridge.adapter.postgres.TcpProxy;
import io.syncbridge.app.TestSchema;
import io.syncbridge.app.TestServer;
import io.syncbridge.app.TestServer.Reply;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL turns into a black hole (a proxy in front of it accepts connections and swallows
 * every byte, nothing answers) while Redis stays: a device still joins its session over the
 * WebSocket, since nothing on that path waits on PostgreSQL, and what needs the database fails
 * fast with 503 {@code DEPENDENCY_DOWN} (connect, socket and statement time-outs) instead of
 * hanging; when the database answers again the same server recovers.
 */
class PostgresBlackHoleIT {

    private static TestSchema schema;
    private static TestRedisKeys redis;
    private static TcpProxy proxy;
    private static TestServer server;

    @BeforeAll
    static void startServerBehindProxy() throws IOException {
        schema = new TestSchema();
        redis = new TestRedisKeys();
        proxy = new TcpProxy(TestSchema.HOST, TestSchema.PORT);
        proxy.start();
        Map<String, String> env = TestServer.environment(TestSchema.url(proxy.port()), schema.name, true);
        env.put("DATABASE_CONNECT_TIMEOUT", "2s");
        env.put("DATABASE_STATEMENT_TIMEOUT", "3s");
        env.put("DATABASE_SOCKET_TIMEOUT", "4s");
        server = TestServer.start(env);
    }

    @AfterAll
    static void stopEverything() throws IOException {
        try {
            // The proxy first: a server closing on a black hole would wait out every time-out once more.
            proxy.close();
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
    void aDeviceJoinsWhileTheDatabaseIsBlackHoledAndWhatNeedsTheDatabaseFailsFast() throws IOException {
        String token = server.newUserToken();
        String session = redis.newSessionId();
        TestServer.require(server.createSession(token, session, "Morning flow", "yoga"), 201);
        String tabletToken = server.mintDeviceToken(token, session, "tablet");
        try (WsClient phone = server.join(token, session, "phone", "ios")) {
            // A device that was syncing before the database went dark.
            phone.send(5, Map.of("key", "step", "value", 1));
            Eventually.until("the first change is stored", Duration.ofSeconds(10), () -> server.get(
                    "/v1/sessions/" + session + "/state", token).json().path("version").asLong() >= 1);

            proxy.blackHole();
            try {
                try (WsClient tablet = joinWith(tabletToken, "tablet")) {
                    phone.send(5, Map.of("key", "step", "value", 3));
                    assertThat(tablet.await(5).path("payload").path("value").asInt())
                            .as("live sync on Redis goes on").isEqualTo(3);
                }
                Reply listing = server.get("/v1/sessions", token);
                assertThat(listing.status()).as("answered within the client's 30 s, not hung: %s", listing.text())
                        .isEqualTo(503);
                assertThat(listing.code()).isEqualTo("DEPENDENCY_DOWN");
                assertThat(server.login(TestServer.newUsername()).code()).isEqualTo("DEPENDENCY_DOWN");
            } finally {
                proxy.restore();
            }

            Eventually.until("the server is ready again", Duration.ofSeconds(30),
                    () -> server.get("/health/ready", null).status() == 200);
            Eventually.until("the session is listed again", Duration.ofSeconds(30),
                    () -> server.get("/v1/sessions", token).status() == 200);
        }
    }

    /** A WebSocket authenticated with a session token minted beforehand (minting is not under test). */
    private static WsClient joinWith(String sessionToken, String device) {
        WsClient client = WsClient.connect(HttpClient.newHttpClient(),
                URI.create("ws://127.0.0.1:" + server.port() + "/ws"));
        ObjectNode auth = TestServer.JSON.createObjectNode().put("type", 7);
        ObjectNode payload = auth.putObject("payload").put("token", sessionToken);
        payload.putObject("device").put("type", "android").put("name", device).put("user_agent", "BlackHoleIT/1");
        client.send(auth);
        JsonNode answer = client.next();
        assertThat(answer.path("type").asInt()).as("AuthSuccess while the database is a black hole: %s", answer)
                .isEqualTo(8);
        return client;
    }
}
