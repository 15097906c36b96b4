package io.syncbridge.app.rabbit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncbridge.adapter.javalin.ws.WsClient;
import io.syncbridge.adapter.rabbit.RefusableTcpProxy;
import io.syncbridge.adapter.rabbit.TestBroker;
import io.syncbridge.app.TestSchema;
import io.syncbridge.app.TestServer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * End to end: with the broker unreachable (a TCP proxy in front of it, cut), the server keeps
 * acknowledging updates at once, stays ready, reports the message queue down, and holds the events
 * in its outbox (in memory or in PostgreSQL); once the broker is reachable again every event
 * arrives, none lost, a duplicate only ever with the same message id.
 */
class BrokerOutageIT {

    private static final int REST_UPDATES = 3;
    private static final int WS_UPDATES = 3;

    @ParameterizedTest(name = "outbox in {0}")
    @ValueSource(strings = {"memory", "postgres"})
    void updatesKeepSucceedingDuringAnOutageAndEveryEventArrivesAfterIt(String outbox) throws Exception {
        try (EventQueue events = new EventQueue(); TestSchema schema = new TestSchema();
             RefusableTcpProxy proxy = RefusableTcpProxy.refusingInFrontOf(TestBroker.HOST, TestBroker.PORT)) {
            proxy.open();
            Map<String, String> env = new HashMap<>(Map.of(
                    "RABBITMQ_URL", "amqp://guest:guest@127.0.0.1:" + proxy.port() + "/",
                    "RABBITMQ_EXCHANGE", events.exchange));
            if (outbox.equals("postgres")) {
                env.putAll(schema.env());
            }
            try (TestServer server = TestServer.startUnlimited(env)) {
                String user = "user-" + UUID.randomUUID();
                String token = server.userToken(user);
                String session = server.createSession(token, Map.of("name", "Outage", "type", "breathing"));
                try (WsClient phone = server.join(user, session, "phone-1", 2)) {
                    events.takeExactly(server, "session.created", "device.joined");
                    assertThat(server.health().json().path("services").path("messageQueue").asText())
                            .isEqualTo("connected");

                    proxy.cut();
                    TestBroker.await("/health to show the message queue down", () -> {
                        JsonNode health = server.health().json();
                        return health.path("services").path("messageQueue").asText().equals("disconnected");
                    });
                    assertThat(server.health().json().path("status").asText()).isEqualTo("degraded");

                    long version = 0;
                    for (int i = 0; i < REST_UPDATES; i++) {
                        long base = version;
                        version = acknowledgedWhileTheRelayFails(server, () -> server.expect(200, "PATCH",
                                "/v1/sessions/" + session + "/state/delta", token, Map.of("baseVersion", base,
                                        "operations", List.of(Map.of("op", "add", "path", "/rest" + base, "value", base))))
                                .path("version").asLong());
                    }
                    for (int i = 0; i < WS_UPDATES; i++) {
                        long base = version;
                        version = acknowledgedWhileTheRelayFails(server, () -> {
                            phone.send(10, Map.of("mutation_id", "ws-" + base, "base_version", base,
                                    "ops", List.of(Map.of("op", "add", "path", "/ws" + base, "value", base))));
                            JsonNode ack = phone.await(12).path("payload");
                            assertThat(ack.path("outcome").asText()).isEqualTo("applied");
                            return ack.path("version").asLong();
                        });
                    }
                    int written = REST_UPDATES + WS_UPDATES;
                    assertThat(version).isEqualTo(written);
                    assertThat(server.outboxDepth()).as("events waiting in the outbox").isEqualTo(written);
                    assertThat(server.ready().status()).as("/health/ready while only RabbitMQ is down").isEqualTo(200);
                    assertThat(events.messagesWaiting()).as("nothing reached the broker").isZero();

                    proxy.open();
                    List<PublishedEvent> arrived = events.readUntil(read -> distinctIds(read) >= written);
                    arrived.addAll(events.takeAll(server, 0));

                    assertThat(arrived).extracting(PublishedEvent::routingKey).containsOnly("state.changed");
                    assertThat(arrived).extracting(PublishedEvent::sessionId).containsOnly(session);
                    Map<String, List<PublishedEvent>> byId = arrived.stream().collect(
                            Collectors.groupingBy(PublishedEvent::messageId, LinkedHashMap::new, Collectors.toList()));
                    assertThat(byId).as("one message id per event").hasSize(written);
                    byId.values().forEach(copies -> assertThat(copies).extracting(PublishedEvent::body)
                            .as("duplicates carry the same message id and body").containsOnly(copies.get(0).body()));
                    assertThat(byId.values()).extracting(copies -> copies.get(0).data().path("change").path("version")
                            .asLong()).as("every version, in order").containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
                    TestBroker.await("/health to show the message queue up again", () -> server.health().json()
                            .path("services").path("messageQueue").asText().equals("connected"));
                }
            }
        }
    }

    /**
     * Publishing is off the hot path: while the relay cannot reach the broker (/health says so) the
     * write is acknowledged, and with the acknowledgement its event is already in the outbox, which
     * only grows: the write did not wait for, or depend on, a publish.
     */
    private static long acknowledgedWhileTheRelayFails(TestServer server, java.util.function.LongSupplier write) {
        long depthBefore = server.outboxDepth();
        assertThat(server.health().json().path("services").path("messageQueue").asText()).isEqualTo("disconnected");
        long version = write.getAsLong();
        assertThat(server.outboxDepth()).as("outbox depth after the acknowledgement").isEqualTo(depthBefore + 1);
        return version;
    }

    private static long distinctIds(List<PublishedEvent> read) {
        return read.stream().map(PublishedEvent::messageId).distinct().count();
    }
}
