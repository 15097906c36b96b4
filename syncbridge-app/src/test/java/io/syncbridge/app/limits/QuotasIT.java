package io.syncbridge.app.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.app.TestServer;
import io.syncbridge.app.TestServer.Reply;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each quota of one account, end to end through REST with small quotas from the environment: the
 * write past it answers {@code QUOTA_EXCEEDED} (429 for a count, 413 for bytes) and changes
 * nothing; other accounts are not affected.
 */
class QuotasIT {

    private static final int STORED_BYTES = 4_096;
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.startUnchecked(Map.of("QUOTA_SESSIONS_PER_USER", "2", "QUOTA_SNAPSHOTS_PER_SESSION", "2",
                "QUOTA_STORED_BYTES_PER_USER", Integer.toString(STORED_BYTES)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aUserCannotCreateMoreSessionsThanTheQuotaAndDeletingOneMakesRoom() {
        String token = server.newUser().get("access_token").asText();
        String first = createSession(token);
        createSession(token);

        Reply third = server.post("/v1/sessions", token, Map.of("id", newId(), "name", "third", "type", "breathing"));

        assertQuota(third, 429, "sessions_per_user", 2);
        assertThat(server.get("/v1/sessions", token).json().get("total").asLong()).as("nothing was created")
                .isEqualTo(2);
        String otherUser = server.newUser().get("access_token").asText();
        createSession(otherUser);
        assertThat(server.call("DELETE", "/v1/sessions/" + first, token, null).status()).isEqualTo(204);
        createSession(token);
    }

    @Test
    void aSessionCannotKeepMoreSnapshotsThanTheQuota() {
        String token = server.newUser().get("access_token").asText();
        String session = createSession(token);
        for (int i = 0; i < 2; i++) {
            TestServer.require(server.post("/v1/sessions/" + session + "/snapshots", token,
                    Map.of("label", "s" + i)), 201);
        }

        Reply third = server.post("/v1/sessions/" + session + "/snapshots", token, Map.of("label", "s2"));

        assertQuota(third, 429, "snapshots_per_session", 2);
        assertThat(server.get("/v1/sessions/" + session + "/snapshots", token).json().get("total").asInt())
                .as("no snapshot was taken").isEqualTo(2);
    }

    @Test
    void aUserCannotStoreMoreBytesOfStateAndSnapshotsThanTheQuota() {
        String token = server.newUser().get("access_token").asText();
        String session = createSession(token);
        String text = "x".repeat(2_500);
        TestServer.require(server.call("PUT", "/v1/sessions/" + session + "/state", token,
                Map.of("data", Map.of("notes", text))), 200);

        Reply snapshot = server.post("/v1/sessions/" + session + "/snapshots", token, Map.of("label", "copy"));
        assertQuota(snapshot, 413, "stored_bytes_per_user", STORED_BYTES);
        assertThat(server.get("/v1/sessions/" + session + "/snapshots", token).json().get("total").asInt()).isZero();

        String other = createSession(token);
        Reply grown = server.call("PUT", "/v1/sessions/" + other + "/state", token,
                Map.of("data", Map.of("notes", text)));
        assertQuota(grown, 413, "stored_bytes_per_user", STORED_BYTES);
        Reply state = server.get("/v1/sessions/" + other + "/state", token);
        assertThat(state.json().get("version").asLong()).as("the state did not change").isZero();
        assertThat(state.json().get("data").size()).isZero();

        TestServer.require(server.call("PUT", "/v1/sessions/" + session + "/state", token,
                Map.of("data", Map.of("notes", "short now"))), 200);
        TestServer.require(server.call("PUT", "/v1/sessions/" + other + "/state", token,
                Map.of("data", Map.of("notes", text))), 200);
    }

    private static void assertQuota(Reply reply, int status, String quota, long limit) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(status);
        assertThat(reply.code()).isEqualTo("QUOTA_EXCEEDED");
        assertThat(reply.json().path("details").path("quota").asText()).isEqualTo(quota);
        assertThat(reply.json().path("details").path("limit").asLong()).isEqualTo(limit);
    }

    private static String createSession(String token) {
        String id = newId();
        TestServer.require(server.post("/v1/sessions", token, Map.of("id", id, "name", "flow", "type", "breathing")),
                201);
        return id;
    }

    private static String newId() {
        return "quota-" + UUID.randomUUID();
    }
}
