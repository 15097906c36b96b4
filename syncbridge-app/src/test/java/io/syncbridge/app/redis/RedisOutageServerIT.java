package io.syncbridge.app.redis;

import static io.syncbridge.app.redis.Messages.change;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.syncbridge.adapter.javalin.ws.Eventually;
import io.syncbridge.adapter.javalin.ws.WsClient;
import io.syncbridge.adapter.redis.RedisServerProcess;
import io.syncbridge.app.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's Redis goes away and comes back on the same port: meanwhile the server is not
 * ready and answers changes with 503 DEPENDENCY_DOWN, writing nothing; afterwards it serves
 * again without a restart, acknowledged changes intact, and a device resumes where it was.
 */
class RedisOutageServerIT {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    private Path dir;
    private RedisServerProcess redis;
    private TestServer node;
    private final String user = TestServer.newId("user");
    private final String session = TestServer.newId("session");

    @AfterEach
    void stopEverything() throws InterruptedException {
        try {
            if (node != null) {
                node.close();
            }
        } finally {
            if (redis != null) {
                redis.close();
            }
        }
    }

    @Test
    void answers503WhileRedisIsDownAndResumesWithoutARestart() throws Exception {
        redis = RedisServerProcess.startAppendOnly(dir);
        node = TestServer.start(redis.address());
        String token = node.userToken(user);
        try (WsClient phone = node.join(user, session, "phone", 2)) {
            phone.send(change("m-1", 0, "add", "/step", 1));
            assertThat(phone.await(12).path("payload").path("version").asLong()).isEqualTo(1);
            assertThat(node.call("GET", "/health/ready", null, null).status()).isEqualTo(200);

            redis.stop();

            Eventually.until("ready answers 503", WAIT,
                    () -> node.call("GET", "/health/ready", null, null).status() == 503);
            TestServer.Reply refused = delta(token, 1, "rest-down", "/during", "outage");
            assertThat(refused.status()).as("REST change while Redis is down: %s", refused.text()).isEqualTo(503);
            assertThat(refused.json().path("code").asText()).isEqualTo("DEPENDENCY_DOWN");
            phone.send(change("ws-down", 1, "add", "/during", "outage"));
            JsonNode error = phone.await(6).path("payload");
            assertThat(error.path("code").asInt()).as("WebSocket change while Redis is down: %s", error).isEqualTo(503);
            assertThat(error.path("reason").asText()).isEqualTo("DEPENDENCY_DOWN");

            redis.start();

            Eventually.until("ready answers 200 again", WAIT,
                    () -> node.call("GET", "/health/ready", null, null).status() == 200);
            TestServer.Reply state = node.state(user, session);
            assertThat(state.status()).isEqualTo(200);
            assertThat(state.json().path("version").asLong()).as("nothing written during the outage").isEqualTo(1);
            assertThat(state.json().path("data")).isEqualTo(Messages.json(Map.of("step", 1)));
            TestServer.Reply accepted = delta(token, 1, "rest-after", "/after", "rest");
            assertThat(accepted.status()).as("REST change after Redis returned: %s", accepted.text()).isEqualTo(200);
            assertThat(accepted.json().path("version").asLong()).isEqualTo(2);

            try (WsClient laptop = node.connect()) {
                ObjectNode auth = node.auth(user, session, "laptop", 2);
                ((ObjectNode) auth.get("payload")).put("last_version", 1);
                laptop.send(auth);
                assertThat(laptop.next(8).path("payload").path("version").asLong()).isEqualTo(2);
                JsonNode catchup = laptop.next(15).path("payload");
                assertThat(catchup.path("changes")).extracting(c -> c.path("version").asLong()).containsExactly(2L);
                assertThat(catchup.path("changes").get(0).path("ops")).isEqualTo(Messages.json(
                        List.of(Map.of("op", "add", "path", "/after", "value", "rest"))));

                phone.send(change("ws-after", 2, "add", "/again", "ws"));
                assertThat(phone.await(12).path("payload").path("version").asLong()).isEqualTo(3);
                assertThat(laptop.await(11).path("payload").path("mutation_id").asText()).isEqualTo("ws-after");
            }
        }
    }

    private TestServer.Reply delta(String token, long base, String mutation, String path, Object value) {
        return node.call("PATCH", "/v1/sessions/" + session + "/state/delta", token, Map.of("baseVersion", base,
                "mutationId", mutation, "operations", List.of(Map.of("op", "add", "path", path, "value", value))));
    }
}
