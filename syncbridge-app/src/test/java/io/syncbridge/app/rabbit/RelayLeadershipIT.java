package io.syncbridge.app.rabbit;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.app.TestSchema;
import io.syncbridge.app.TestServer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * End to end: two server instances sharing one PostgreSQL outbox publish every event exactly
 * once (one relay at a time, by an advisory lock), and the standby takes over when the relaying
 * instance stops.
 */
class RelayLeadershipIT {

    private static final int SESSIONS_PER_SERVER = 4;
    private static final int DELTAS_PER_SESSION = 4;

    @Test
    void serversSharingOneOutboxPublishEachEventOnceAndTheStandbyTakesOver() throws Exception {
        try (EventQueue events = new EventQueue(); TestSchema schema = new TestSchema()) {
            Map<String, String> env = new HashMap<>(schema.env());
            env.put("RABBITMQ_URL", "amqp://guest:guest@127.0.0.1:5672/");
            env.put("RABBITMQ_EXCHANGE", events.exchange);
            try (TestServer first = TestServer.startUnlimited(env); TestServer second = TestServer.startUnlimited(env)) {
                String user = "user-" + UUID.randomUUID();
                List<TestServer> servers = List.of(first, second);
                int written = 0;
                for (int s = 0; s < SESSIONS_PER_SERVER; s++) {
                    for (TestServer server : servers) {
                        written += writeSession(server, server.userToken(user));
                    }
                }

                List<PublishedEvent> arrived = events.takeAll(first, written);

                assertThat(arrived).as("every event of both instances, each once").hasSize(written);
                assertThat(arrived).extracting(PublishedEvent::messageId).doesNotHaveDuplicates();
                for (TestServer server : servers) {
                    assertThat(server.health().json().path("services").path("messageQueue").asText())
                            .as("the standby too is connected to the broker").isEqualTo("connected");
                }

                // The first instance started first, so its relay took the role; stopping it frees the lock.
                first.close();
                int more = writeSession(second, second.userToken(user));
                List<PublishedEvent> afterStop = events.takeAll(second, more);
                assertThat(afterStop).as("the remaining instance relays").hasSize(more);
                assertThat(afterStop).extracting(PublishedEvent::routingKey).startsWith("session.created");
            }
        }
    }

    /** A session with a few changes through REST: how many events that makes. */
    private static int writeSession(TestServer server, String token) {
        String session = server.createSession(token, Map.of("name", "Shared outbox", "type", "breathing"));
        for (int v = 0; v < DELTAS_PER_SESSION; v++) {
            server.expect(200, "PATCH", "/v1/sessions/" + session + "/state/delta", token, Map.of("baseVersion", v,
                    "operations", List.of(Map.of("op", "add", "path", "/k" + v, "value", v))));
        }
        return 1 + DELTAS_PER_SESSION;
    }
}
