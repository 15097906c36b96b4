package io.syncbridge.app.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.app.TestSchema;
import io.syncbridge.app.TestServer;
import io.syncbridge.app.TestServer.Reply;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The quotas on the real stores (sessions on Redis, the catalogue on PostgreSQL): each one refused
 * with {@code QUOTA_EXCEEDED}, nothing written, as in memory ({@code io.syncbridge.app.limits.QuotasIT}).
 */
class PostgresQuotasIT {

    private static final int STORED_BYTES = 4_096;
    private static TestSchema schema;
    private static TestRedisKeys redis;
    private static TestServer server;

    @BeforeAll
    static void start() {
        schema = new TestSchema();
        redis = new TestRedisKeys();
        Map<String, String> env = TestServer.environment(TestSchema.URL, schema.name, true);
        env.put("QUOTA_SESSIONS_PER_USER", "2");
        env.put("QUOTA_SNAPSHOTS_PER_SESSION", "1");
        env.put("QUOTA_STORED_BYTES_PER_USER", Integer.toString(STORED_BYTES));
        server = TestServer.start(env);
    }

    @AfterAll
    static void stop() {
        try {
            server.close();
        } finally {
            try {
                redis.deleteAll();
            } finally {
                schema.close();
            }
        }
    }

    @Test
    void eachQuotaIsRefusedOnRedisAndPostgresAndChangesNothing() {
        String token = server.newUserToken();
        String first = redis.newSessionId();
        String second = redis.newSessionId();
        TestServer.require(server.createSession(token, first, "one", "yoga"), 201);
        TestServer.require(server.createSession(token, second, "two", "yoga"), 201);

        String third = redis.newSessionId();
        assertQuota(server.createSession(token, third, "three", "yoga"), 429, "sessions_per_user");
        assertThat(server.get("/v1/sessions", token).json().get("total").asLong()).isEqualTo(2);
        assertThat(schema.rows("SELECT id FROM sessions WHERE id = ?", third)).isEmpty();
        assertThat(redis.keysOf(third)).isEmpty();

        TestServer.require(server.post("/v1/sessions/" + first + "/snapshots", token, Map.of("label", "a")), 201);
        assertQuota(server.post("/v1/sessions/" + first + "/snapshots", token, Map.of("label", "b")), 429,
                "snapshots_per_session");
        assertThat(server.get("/v1/sessions/" + first + "/snapshots", token).json().get("total").asInt())
                .isEqualTo(1);

        String text = "x".repeat(2_500);
        TestServer.require(server.call("PUT", "/v1/sessions/" + first + "/state", token,
                Map.of("data", Map.of("notes", text))), 200);
        assertQuota(server.call("PUT", "/v1/sessions/" + second + "/state", token,
                Map.of("data", Map.of("notes", text))), 413, "stored_bytes_per_user");
        assertThat(server.get("/v1/sessions/" + second + "/state", token).json().get("version").asLong())
                .as("the refused replace changed nothing").isZero();
    }

    private static void assertQuota(Reply reply, int status, String quota) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(status);
        assertThat(reply.code()).isEqualTo("QUOTA_EXCEEDED");
        assertThat(reply.json().path("details").path("quota").asText()).isEqualTo(quota);
    }
}
