package io.syncbridge.app.rabbit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncbridge.adapter.javalin.ws.WsClient;
import io.syncbridge.adapter.rabbit.TestBroker;
import io.syncbridge.app.TestServer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * End to end: every kind of action taken through the running server (REST and WebSocket) puts
 * exactly the expected domain event on the RabbitMQ exchange, and nothing else, read back from a
 * queue bound to the server's own exchange.
 */
class DomainEventStreamIT {

    private static EventQueue events;
    private static TestServer server;

    private String user;
    private String token;

    @BeforeAll
    static void startServer() throws Exception {
        events = new EventQueue();
        server = TestServer.startUnlimited(Map.of("RABBITMQ_URL", "amqp://guest:guest@127.0.0.1:5672/",
                "RABBITMQ_EXCHANGE", events.exchange, "MAX_DEVICES", "3"));
    }

    @AfterAll
    static void stopServer() throws Exception {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            events.close();
        }
    }

    @BeforeEach
    void freshUserAndEmptyQueue() throws Exception {
        user = "user-" + UUID.randomUUID();
        token = server.userToken(user);
        events.takeAll(server, 0);
    }

    @Test
    void sessionCreateUpdateAndDeleteEachPublishOneEvent() throws Exception {
        String session = server.createSession(token, Map.of("name", "Morning breathing", "type", "breathing"));
        server.expect(200, "PATCH", "/v1/sessions/" + session, token, Map.of("status", "paused"));
        server.expect(204, "DELETE", "/v1/sessions/" + session, token, null);

        List<PublishedEvent> published = events.takeExactly(server, "session.created", "session.updated",
                "session.deleted");

        envelope(published.get(0), "session.created", session);
        assertThat(published.get(0).data().path("name").asText()).isEqualTo("Morning breathing");
        assertThat(published.get(0).data().path("session_type").asText()).isEqualTo("breathing");
        envelope(published.get(1), "session.updated", session);
        assertThat(published.get(1).data().path("status").asText()).isEqualTo("paused");
        envelope(published.get(2), "session.deleted", session);
        assertThat(published.get(2).data().size()).isZero();
    }

    @Test
    void everyAcceptedStateWritePublishesOneStateChanged() throws Exception {
        String session = server.createSession(token, Map.of("name", "Player", "type", "meditation"));
        try (WsClient phone = server.join(user, session, "phone-1", 1);
             WsClient laptop = server.join(user, session, "laptop-1", 2)) {
            events.takeExactly(server, "session.created", "device.joined", "device.joined");

            // One write at a time, each event taken before the next write: the event of a change is
            // recorded just after its commit, so two writers racing may record theirs out of version order.
            phone.send(5, Map.of("key", "mood", "value", "calm"));
            assertThat(laptop.await(11).path("payload").path("version").asLong()).isEqualTo(1);
            JsonNode v1 = change(events.takeExactly(server, "state.changed").get(0), session, 1, "phone-1");
            assertThat(v1.path("ops")).hasSize(1);
            assertThat(v1.path("ops").get(0).path("op").asText()).isEqualTo("set");
            assertThat(v1.path("ops").get(0).path("key").asText()).isEqualTo("mood");
            assertThat(v1.path("ops").get(0).path("value").asText()).isEqualTo("calm");

            laptop.send(10, Map.of("mutation_id", "m-v2", "base_version", 1,
                    "ops", List.of(Map.of("op", "add", "path", "/position", "value", 93))));
            assertThat(laptop.await(12).path("payload").path("version").asLong()).isEqualTo(2);
            JsonNode v2 = change(events.takeExactly(server, "state.changed").get(0), session, 2, "laptop-1");
            assertThat(v2.path("mutation_id").asText()).isEqualTo("m-v2");
            assertThat(v2.path("ops").get(0).path("op").asText()).isEqualTo("add");
            assertThat(v2.path("ops").get(0).path("path").asText()).isEqualTo("/position");
            assertThat(v2.path("ops").get(0).path("value").asInt()).isEqualTo(93);

            server.expect(200, "PATCH", "/v1/sessions/" + session + "/state/delta", token, Map.of("baseVersion", 2,
                    "mutationId", "m-rest", "operations", List.of(Map.of("op", "replace", "path", "/position",
                            "value", 94))));
            JsonNode rest = change(events.takeExactly(server, "state.changed").get(0), session, 3, "rest-api");
            assertThat(rest.path("mutation_id").asText()).isEqualTo("m-rest");
            assertThat(rest.path("ops").get(0).path("op").asText()).isEqualTo("replace");
            assertThat(rest.path("ops").get(0).path("value").asInt()).isEqualTo(94);

            server.expect(200, "PUT", "/v1/sessions/" + session + "/state", token, Map.of("version", 3,
                    "mutationId", "m-put", "deviceId", "laptop-1", "data", Map.of("mood", "bright")));
            JsonNode put = change(events.takeExactly(server, "state.changed").get(0), session, 4, "laptop-1");
            assertThat(put.path("mutation_id").asText()).isEqualTo("m-put");
            assertThat(put.path("ops").get(0).path("op").asText()).isEqualTo("replace");
            assertThat(put.path("ops").get(0).path("path").asText()).isEmpty();
            assertThat(put.path("ops").get(0).path("value").path("mood").asText()).isEqualTo("bright");
        }
        events.takeExactly(server, "device.left", "device.left");
    }

    @Test
    void devicesJoiningLeavingRemovedAndEvictedPublishDeviceEvents() throws Exception {
        String session = server.createSession(token, Map.of("name", "Workout", "type", "yoga",
                "settings", Map.of("evictionPolicy", "evict_longest_offline")));
        WsClient first = server.join(user, session, "phone-1", 2, Map.of("device", Map.of("type", "ios",
                "name", "Anna's iPhone", "user_agent", "SyncBridge/1.0 iOS", "capabilities", List.of("handoff"))));
        List<PublishedEvent> joined = events.takeExactly(server, "session.created", "device.joined");
        envelope(joined.get(1), "device.joined", session);
        JsonNode device = joined.get(1).data().path("device");
        assertThat(device.path("id").asText()).isEqualTo("phone-1");
        assertThat(device.path("kind").asText()).isEqualTo("ios");
        assertThat(device.path("name").asText()).isEqualTo("Anna's iPhone");
        assertThat(device.path("user_agent").asText()).isEqualTo("SyncBridge/1.0 iOS");
        assertThat(device.path("capabilities")).extracting(JsonNode::asText).containsExactly("handoff");
        assertThat(device.path("online").asBoolean()).isTrue();

        try (WsClient second = server.join(user, session, "laptop-1", 2);
             WsClient third = server.join(user, session, "tablet-1", 2)) {
            events.takeExactly(server, "device.joined", "device.joined");

            first.close();
            PublishedEvent left = events.takeExactly(server, "device.left").get(0);
            envelope(left, "device.left", session);
            assertThat(left.data().path("device_id").asText()).isEqualTo("phone-1");
            assertThat(left.data().path("reason").asText()).isEqualTo("disconnected");

            try (WsClient fourth = server.join(user, session, "watch-1", 2)) {
                List<PublishedEvent> evicted = events.takeExactly(server, "device.evicted", "device.joined");
                envelope(evicted.get(0), "device.evicted", session);
                assertThat(evicted.get(0).data().path("device_id").asText()).isEqualTo("phone-1");
                assertThat(evicted.get(0).data().path("reason").asText()).isEqualTo("evicted");
                assertThat(evicted.get(1).data().path("device").path("id").asText()).isEqualTo("watch-1");

                server.expect(204, "DELETE", "/v1/sessions/" + session + "/devices/laptop-1", token, null);
                second.awaitClose();
                PublishedEvent removed = events.takeExactly(server, "device.left").get(0);
                envelope(removed, "device.left", session);
                assertThat(removed.data().path("device_id").asText()).isEqualTo("laptop-1");
                assertThat(removed.data().path("reason").asText()).isEqualTo("removed");
            }
            List<PublishedEvent> gone = events.takeExactly(server, "device.left");
            assertThat(gone.get(0).data().path("device_id").asText()).isEqualTo("watch-1");
        }
        events.takeExactly(server, "device.left");
    }

    @Test
    void handoffsByRequestByTokenAndOverRestPublishHandoffCompleted() throws Exception {
        String session = server.createSession(token, Map.of("name", "Reading", "type", "mindfulness"));
        try (WsClient phone = server.join(user, session, "phone-1", 2);
             WsClient laptop = server.join(user, session, "laptop-1", 2)) {
            events.takeExactly(server, "session.created", "device.joined", "device.joined");

            phone.send(18, Map.of("target_device_id", "laptop-1"));
            phone.await(21);
            PublishedEvent byRequest = events.takeExactly(server, "handoff.completed").get(0);
            envelope(byRequest, "handoff.completed", session);
            assertThat(byRequest.data().path("handoff").path("from_device").asText()).isEqualTo("phone-1");
            assertThat(byRequest.data().path("handoff").path("to_device").asText()).isEqualTo("laptop-1");
            assertThat(byRequest.data().path("handoff").path("session_id").asText()).isEqualTo(session);
            assertThat(byRequest.data().path("handoff").path("version").asLong()).isZero();
            assertThat(byRequest.data().has("latency_ms")).isTrue();

            laptop.send(19, Map.of("ttl_seconds", 60));
            String handoffToken = laptop.await(19).path("payload").path("handoff_token").asText();
            try (WsClient tablet = server.connectWith(Map.of("handoff_token", handoffToken, "device_id", "tablet-1",
                    "protocol", 2))) {
                assertThat(tablet.next().path("type").asInt()).isEqualTo(8);
                List<PublishedEvent> claimed = events.takeExactly(server, "device.joined", "handoff.completed");
                assertThat(claimed.get(0).data().path("device").path("id").asText()).isEqualTo("tablet-1");
                JsonNode handoff = claimed.get(1).data().path("handoff");
                assertThat(handoff.path("from_device").asText()).isEqualTo("laptop-1");
                assertThat(handoff.path("to_device").asText()).isEqualTo("tablet-1");

                JsonNode overRest = server.expect(200, "POST", "/v1/sessions/" + session + "/handoff", token,
                        Map.of("toDeviceId", "phone-1"));
                PublishedEvent restHandoff = events.takeExactly(server, "handoff.completed").get(0);
                assertThat(restHandoff.data().path("handoff").path("from_device").asText()).isEqualTo("tablet-1");
                assertThat(restHandoff.data().path("handoff").path("to_device").asText()).isEqualTo("phone-1");
                assertThat(overRest).isNotNull();
            }
        }
        events.takeExactly(server, "device.left", "device.left", "device.left");
    }

    @Test
    void snapshotCreateAndRestorePublishSnapshotEvents() throws Exception {
        String session = server.createSession(token, Map.of("name", "Form", "type", "yoga"));
        String base = "/v1/sessions/" + session;
        server.expect(200, "PATCH", base + "/state/delta", token, Map.of("baseVersion", 0,
                "operations", List.of(Map.of("op", "add", "path", "/step", "value", 1))));
        String snapshot = server.expect(201, "POST", base + "/snapshots", token, Map.of("label", "before run"))
                .path("id").asText();
        server.expect(200, "PATCH", base + "/state/delta", token, Map.of("baseVersion", 1,
                "operations", List.of(Map.of("op", "replace", "path", "/step", "value", 2))));
        server.expect(200, "POST", base + "/snapshots/" + snapshot + "/restore", token, Map.of());

        List<PublishedEvent> published = events.takeExactly(server, "session.created", "state.changed",
                "snapshot.created", "state.changed", "state.changed", "snapshot.restored");

        envelope(published.get(2), "snapshot.created", session);
        assertThat(published.get(2).data().path("snapshot_id").asText()).isEqualTo(snapshot);
        assertThat(published.get(2).data().path("version").asLong()).isEqualTo(1);
        assertThat(published.get(2).data().path("label").asText()).isEqualTo("before run");
        JsonNode restoring = change(published.get(4), session, 3, "rest-api");
        assertThat(restoring.path("ops").get(0).path("value").path("step").asInt()).isEqualTo(1);
        envelope(published.get(5), "snapshot.restored", session);
        assertThat(published.get(5).data().path("snapshot_id").asText()).isEqualTo(snapshot);
        assertThat(published.get(5).data().path("restored_version").asLong()).isEqualTo(1);
        assertThat(published.get(5).data().path("new_version").asLong()).isEqualTo(3);
    }

    @Test
    void aConflictRefusedByTheServerPublishesConflictDetected() throws Exception {
        String session = server.createSession(token, Map.of("name", "Editor", "type", "yoga"));
        String delta = "/v1/sessions/" + session + "/state/delta";
        server.expect(200, "PATCH", delta, token, Map.of("baseVersion", 0, "mutationId", "m-1",
                "operations", List.of(Map.of("op", "add", "path", "/title", "value", "first"))));
        JsonNode refused = server.expect(409, "PATCH", delta, token, Map.of("baseVersion", 0, "mutationId", "m-2",
                "deviceId", "laptop-1", "operations", List.of(Map.of("op", "add", "path", "/title", "value", "second"))));
        assertThat(refused.path("code").asText()).isEqualTo("VERSION_CONFLICT");

        List<PublishedEvent> published = events.takeExactly(server, "session.created", "state.changed",
                "conflict.detected");

        PublishedEvent conflict = published.get(2);
        envelope(conflict, "conflict.detected", session);
        assertThat(conflict.data().path("mutation_id").asText()).isEqualTo("m-2");
        assertThat(conflict.data().path("device_id").asText()).isEqualTo("laptop-1");
        assertThat(conflict.data().path("base_version").asLong()).isZero();
        assertThat(conflict.data().path("current_version").asLong()).isEqualTo(1);
        assertThat(conflict.data().path("paths")).extracting(JsonNode::asText).containsExactly("/title");
    }

    /** The envelope every event shares: routing key, message id, type, headers and body members. */
    private void envelope(PublishedEvent event, String type, String session) {
        assertThat(event.routingKey()).isEqualTo(type);
        assertThat(event.type()).isEqualTo(type);
        assertThat(event.messageId()).isNotBlank().isEqualTo(event.body().path("event_id").asText());
        assertThat(event.headers()).containsKeys("event-type", "session-id", "occurred-at");
        assertThat(event.headers().get("event-type")).hasToString(type);
        assertThat(event.headers().get("session-id")).hasToString(session);
        assertThat(event.body().path("type").asText()).isEqualTo(type);
        assertThat(event.sessionId()).isEqualTo(session);
        assertThat(event.body().path("owner").asText()).isEqualTo(user);
        assertThat(Instant.parse(event.body().path("occurred_at").asText()))
                .isBetween(Instant.now().minus(TestBroker.PATIENCE), Instant.now());
    }

    /** A state.changed event's {@code change}, checked for its version and author. */
    private JsonNode change(PublishedEvent event, String session, long version, String device) {
        envelope(event, "state.changed", session);
        JsonNode change = event.data().path("change");
        assertThat(change.path("version").asLong()).isEqualTo(version);
        assertThat(change.path("device_id").asText()).isEqualTo(device);
        assertThat(change.path("mutation_id").asText()).isNotBlank();
        assertThat(change.path("applied_at").asText()).isNotBlank();
        return change;
    }
}
