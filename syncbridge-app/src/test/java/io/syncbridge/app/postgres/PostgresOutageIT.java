package io.syncbridge.app.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.adapter.javalin.ws.Eventually;
import io.syncbridge.adapter.javalin.ws.WsClient;
import io.syncbridge.adapter.postgres.TcpProxy;
import io.syncbridge.app.TestSchema;
import io.syncbridge.app.TestServer;
import io.syncbridge.app.TestServer.Reply;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server's pool loses PostgreSQL (a TCP proxy in front of it is cut: open connections die,
 * new ones are refused) while Redis stays: the server says it is not ready, what needs the
 * database answers 503 {@code DEPENDENCY_DOWN}, live sync on Redis goes on, nothing half-created
 * is left behind; when the proxy comes back the same server recovers without a restart.
 */
class PostgresOutageIT {

    private static final Duration RECOVERY = Duration.ofSeconds(20);

    private static TestSchema schema;
    private static TestRedisKeys redis;
    private static TcpProxy proxy;
    private static TestServer server;
    private static boolean databaseCut;

    @BeforeAll
    static void startServerBehindProxy() throws IOException {
        schema = new TestSchema();
        redis = new TestRedisKeys();
        proxy = new TcpProxy(TestSchema.HOST, TestSchema.PORT);
        proxy.start();
        server = TestServer.start(TestServer.environment(TestSchema.url(proxy.port()), schema.name, true));
    }

    @AfterAll
    static void stopEverything() throws IOException {
        try {
            if (server != null) {
                server.close();
            }
            proxy.close();
        } finally {
            try {
                redis.deleteAll();
            } finally {
                schema.close();
            }
        }
    }

    /** Every test leaves the database reachable and the server ready again. */
    @AfterEach
    void restoreDatabase() throws IOException {
        reconnectDatabase();
        awaitReadiness(200);
    }

    /** Cuts the server's connections to PostgreSQL and refuses new ones. */
    private static void cutDatabase() throws IOException {
        proxy.stop();
        databaseCut = true;
    }

    private static void reconnectDatabase() throws IOException {
        if (databaseCut) {
            proxy.start();
            databaseCut = false;
        }
    }

    private static void awaitReadiness(int status) {
        Eventually.until("/health/ready answers " + status, RECOVERY,
                () -> server.get("/health/ready", null).status() == status);
    }

    private static void assertDependencyDown(Reply reply) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(503);
        assertThat(reply.code()).isEqualTo("DEPENDENCY_DOWN");
        assertThat(reply.json().path("details").path("dependency").asText()).isEqualTo("database");
    }

    @Test
    void withoutTheDatabaseTheServerIsUnreadyRefusesWhatNeedsItKeepsLiveSyncAndRecovers() throws IOException {
        String username = TestServer.newUsername();
        TestServer.require(server.register(username), 201);
        String token = TestServer.require(server.login(username), 200).json().get("access_token").asText();
        String session = redis.newSessionId();
        TestServer.require(server.createSession(token, session, "Morning flow", "breathing"), 201);
        try (WsClient phone = server.join(token, session, "phone", "ios");
             WsClient laptop = server.join(token, session, "laptop", "web")) {

            cutDatabase();

            awaitReadiness(503);
            Reply health = server.get("/health", null);
            assertThat(health.json().path("services").path("database").asText()).isEqualTo("disconnected");
            assertThat(health.json().path("services").path("cache").asText()).isEqualTo("connected");
            assertDependencyDown(server.register(TestServer.newUsername()));
            assertDependencyDown(server.login(username));
            assertDependencyDown(server.get("/v1/sessions", token));

            phone.send(5, Map.of("key", "step", "value", 7));
            assertThat(laptop.await(5).path("payload").path("value").asInt())
                    .as("the update reached the other device through Redis").isEqualTo(7);
            Reply open = server.get("/v1/sessions/" + session, token);
            assertThat(open.status()).as("the open session is served from Redis: %s", open.text()).isEqualTo(200);
            assertThat(open.json().path("state").path("data").path("step").asInt()).isEqualTo(7);
            try (WsClient tablet = server.join(token, session, "tablet", "android")) {
                // Joining works too; only its device-registry row (best effort) is missed.
                assertThat(tablet.isClosed()).isFalse();
            }

            reconnectDatabase();

            awaitReadiness(200);
            assertThat(server.login(username).status()).isEqualTo(200);
            assertThat(server.register(TestServer.newUsername()).status()).isEqualTo(201);
            Reply listing = server.get("/v1/sessions", token);
            assertThat(listing.status()).isEqualTo(200);
            assertThat(listing.json().get("sessions")).extracting(s -> s.get("id").asText()).containsExactly(session);
            phone.send(5, Map.of("key", "step", "value", 8));
            assertThat(laptop.await(5).path("payload").path("value").asInt()).isEqualTo(8);
        }
    }

    @Test
    void aSessionCreatedWhileTheDatabaseIsDownIsNeitherListedNorOpenableAfterwards() throws IOException {
        String token = server.newUserToken();
        String session = redis.newSessionId();

        cutDatabase();

        Reply created = server.createSession(token, session, "Lost flow", "breathing");
        assertDependencyDown(created);
        assertThat(redis.keysOf(session)).as("no head is left in Redis").isEmpty();
        // With the durable tier down, a session missing from Redis cannot be told from one Redis
        // lost: not openable, but answered 503 rather than a 404 that would be a guess.
        assertThat(server.get("/v1/sessions/" + session, token).status()).isEqualTo(503);

        reconnectDatabase();
        awaitReadiness(200);

        Reply listing = server.get("/v1/sessions", token);
        assertThat(listing.status()).isEqualTo(200);
        assertThat(listing.json().get("total").asLong()).isZero();
        assertThat(server.get("/v1/sessions/" + session, token).status()).isEqualTo(404);
        assertThat(server.post("/v1/sessions/" + session + "/tokens", token, Map.of("deviceId", "phone")).status())
                .as("no device can be given the session").isEqualTo(404);
        assertThat(schema.rows("SELECT id FROM sessions WHERE id = ?", session)).isEmpty();
        assertThat(redis.keysOf(session)).isEmpty();
        Reply again = server.createSession(token, session, "Found flow", "breathing");
        assertThat(again.status()).as("the id is free again: %s", again.text()).isEqualTo(201);
    }
}
