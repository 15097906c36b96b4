package io.syncbridge.app.redis;

import static io.syncbridge.app.redis.Messages.change;
import static io.syncbridge.app.redis.Messages.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.syncbridge.adapter.javalin.ws.Eventually;
import io.syncbridge.adapter.javalin.ws.WsClient;
import io.syncbridge.app.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two servers in this JVM sharing the Redis on 127.0.0.1:6379 behave as one: what a device does on
 * one node reaches the devices of the same session on the other, handoffs cross nodes, and a device
 * that comes back on the other node resumes with exactly what it missed.
 */
class CrossNodeSyncIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static TestServer nodeA;
    private static TestServer nodeB;
    private static final SessionKeys KEYS = new SessionKeys(TestServer.SHARED_REDIS);

    private final String user = TestServer.newId("user");
    private final String session = KEYS.track(TestServer.newId("session"));

    @BeforeAll
    static void startNodes() {
        nodeA = TestServer.start(TestServer.SHARED_REDIS);
        nodeB = TestServer.start(TestServer.SHARED_REDIS);
    }

    @AfterAll
    static void stopNodes() {
        try {
            if (nodeA != null) {
                nodeA.close();
            }
        } finally {
            if (nodeB != null) {
                nodeB.close();
            }
        }
    }

    /** Once the nodes have released the closed connections (so that nothing writes the keys again), deletes them. */
    @AfterEach
    void deleteSessionKeys() {
        try {
            Eventually.until("every connection of " + session + " released", WAIT,
                    () -> KEYS.presentConnections(session) == 0);
        } finally {
            KEYS.deleteAll();
        }
    }

    @Test
    void aV1UpdateOnOneNodeIsBroadcastToAV1DeviceOnTheOther() {
        try (WsClient phone = nodeA.join(user, session, "phone", 1);
             WsClient laptop = nodeB.join(user, session, "laptop", 1)) {
            phone.send(Messages.stateUpdate("theme", "dark"));

            JsonNode update = laptop.await(5);

            assertThat(update.path("payload")).isEqualTo(json(Map.of("key", "theme", "value", "dark")));
            laptop.send(Messages.stateUpdate("volume", 7));
            assertThat(phone.await(5).path("payload")).isEqualTo(json(Map.of("key", "volume", "value", 7)));
            assertThat(phone.drain()).as("nothing else reached the phone").isEmpty();
        }
    }

    @Test
    void aV2ChangeOnOneNodeReachesAV2DeviceOnTheOtherAsADelta() {
        try (WsClient phone = nodeA.join(user, session, "phone", 2);
             WsClient laptop = nodeB.join(user, session, "laptop", 2)) {
            phone.send(change("m-1", 0, "add", "/position", 42));
            JsonNode ack = phone.await(12).path("payload");

            JsonNode delta = laptop.await(11).path("payload");

            assertThat(ack.path("version").asLong()).isEqualTo(1);
            assertThat(delta.path("version").asLong()).isEqualTo(1);
            assertThat(delta.path("device_id").asText()).isEqualTo("phone");
            assertThat(delta.path("mutation_id").asText()).isEqualTo("m-1");
            assertThat(delta.path("ops")).isEqualTo(json(List.of(Map.of("op", "add", "path", "/position",
                    "value", 42))));
        }
    }

    @Test
    void aHandoffRequestedOnOneNodeReachesTheTargetOnTheOther() {
        try (WsClient phone = nodeA.join(user, session, "phone", 2);
             WsClient laptop = nodeB.join(user, session, "laptop", 2)) {
            phone.send(change("m-1", 0, "add", "/track", "intro"));
            phone.await(12);
            laptop.await(11);

            phone.send(Messages.handoffRequest("laptop"));

            JsonNode start = laptop.await(20).path("payload");
            assertThat(start.path("from_device_id").asText()).isEqualTo("phone");
            assertThat(start.path("version").asLong()).isEqualTo(1);
            assertThat(start.path("state_data")).isEqualTo(json(Map.of("track", "intro")));
            JsonNode completeOnB = laptop.await(21).path("payload");
            JsonNode completeOnA = phone.await(21).path("payload");
            for (JsonNode complete : List.of(completeOnA, completeOnB)) {
                assertThat(complete.path("handoff_id").asText()).isEqualTo(start.path("handoff_id").asText());
                assertThat(complete.path("from_device_id").asText()).isEqualTo("phone");
                assertThat(complete.path("to_device_id").asText()).isEqualTo("laptop");
            }
            assertThat(phone.drain()).extracting(m -> m.path("type").asInt()).doesNotContain(20);
        }
    }

    @Test
    void aDeviceThatReconnectsToTheOtherNodeGetsExactlyTheChangesItMissed() {
        try (WsClient tablet = nodeA.join(user, session, "tablet", 2)) {
            try (WsClient phone = nodeA.join(user, session, "phone", 2)) {
                phone.send(change("m-1", 0, "add", "/a", 1));
                phone.send(change("m-2", 1, "add", "/b", 2));
                assertThat(phone.await(12).path("payload").path("version").asLong()).isEqualTo(1);
                assertThat(phone.await(12).path("payload").path("version").asLong()).isEqualTo(2);
            }
            tablet.send(change("t-3", 2, "add", "/c", 3));
            tablet.send(change("t-4", 3, "replace", "/a", 10));
            tablet.send(change("t-5", 4, "remove", "/b", null));
            for (int version = 3; version <= 5; version++) {
                assertThat(tablet.await(12).path("payload").path("version").asLong()).isEqualTo(version);
            }

            try (WsClient back = nodeB.connect()) {
                ObjectNode auth = nodeB.auth(user, session, "phone", 2);
                ((ObjectNode) auth.get("payload")).put("last_version", 2);
                back.send(auth);

                assertThat(back.next(8).path("payload").path("version").asLong()).isEqualTo(5);
                JsonNode catchup = back.next(15).path("payload");
                assertThat(catchup.path("from_version").asLong()).isEqualTo(2);
                assertThat(catchup.path("to_version").asLong()).isEqualTo(5);
                assertThat(catchup.path("changes")).extracting(c -> c.path("version").asLong())
                        .containsExactly(3L, 4L, 5L);
                assertThat(catchup.path("changes")).extracting(c -> c.path("device_id").asText())
                        .containsOnly("tablet");
                assertThat(catchup.path("changes").get(1).path("ops"))
                        .isEqualTo(json(List.of(Map.of("op", "replace", "path", "/a", "value", 10))));

                back.send(Messages.resume(4));
                JsonNode resumed = back.next(15).path("payload");
                assertThat(resumed.path("changes")).extracting(c -> c.path("version").asLong()).containsExactly(5L);
                assertThat(resumed.path("changes").get(0).path("ops"))
                        .isEqualTo(json(List.of(Map.of("op", "remove", "path", "/b"))));
                assertThat(nodeB.state(user, session).json().path("data"))
                        .isEqualTo(json(Map.of("a", 10, "c", 3)));
            }
        }
    }

    @Test
    void aRestHandoffOnOneNodeReachesTheTargetOnTheOther() {
        try (WsClient phone = nodeA.join(user, session, "phone", 2);
             WsClient laptop = nodeB.join(user, session, "laptop", 2)) {
            TestServer.Reply handoff = nodeA.call("POST", "/v1/sessions/" + session + "/handoff",
                    nodeA.userToken(user), Map.of("toDeviceId", "laptop"));

            assertThat(handoff.status()).as("handoff: %s", handoff.text()).isEqualTo(200);
            assertThat(laptop.await(20).path("payload").path("state_data")).isEqualTo(json(Map.of()));
            assertThat(laptop.await(21).path("payload").path("to_device_id").asText()).isEqualTo("laptop");
            assertThat(phone.await(21).path("payload").path("to_device_id").asText()).isEqualTo("laptop");
        }
    }

    @Test
    void aHandoffTokenIssuedOnOneNodeIsClaimedOnceOnTheOther() {
        try (WsClient phone = nodeA.join(user, session, "phone", 2)) {
            phone.send(change("m-1", 0, "add", "/track", "outro"));
            phone.await(12);
            phone.send("{\"type\":19,\"payload\":{\"ttl_seconds\":60}}");
            String handoffToken = phone.await(19).path("payload").path("handoff_token").asText();

            try (WsClient tablet = nodeB.connect(); WsClient thief = nodeA.connect()) {
                tablet.send("{\"type\":7,\"payload\":{\"handoff_token\":\"" + handoffToken
                        + "\",\"device_id\":\"tablet\",\"protocol\":2}}");
                JsonNode success = tablet.next(8).path("payload");
                assertThat(success.path("session_id").asText()).isEqualTo(session);
                assertThat(success.path("active_device_id").asText()).isEqualTo("tablet");
                assertThat(tablet.await(20).path("payload").path("state_data")).isEqualTo(json(Map.of("track", "outro")));
                assertThat(phone.await(21).path("payload").path("to_device_id").asText()).isEqualTo("tablet");

                thief.send("{\"type\":7,\"payload\":{\"handoff_token\":\"" + handoffToken
                        + "\",\"device_id\":\"thief\"}}");
                assertThat(thief.next(9).path("payload").path("code").asInt()).isEqualTo(401);
            }
        }
    }

    @Test
    void bothNodesOpeningANewSessionAtOnceShareOneSession() throws Exception {
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            var onA = pool.submit(() -> nodeA.join(user, session, "phone", 2));
            var onB = pool.submit(() -> nodeB.join(user, session, "laptop", 2));
            try (WsClient phone = onA.get(20, java.util.concurrent.TimeUnit.SECONDS);
                 WsClient laptop = onB.get(20, java.util.concurrent.TimeUnit.SECONDS)) {
                phone.send(change("m-1", 0, "add", "/x", 1));
                assertThat(phone.await(12).path("payload").path("version").asLong()).isEqualTo(1);
                assertThat(laptop.await(11).path("payload").path("mutation_id").asText()).isEqualTo("m-1");
            }
        }
    }

    @Test
    void aDeviceStillConnectedToTheOtherNodeIsNotReportedGone() {
        try (WsClient laptop = nodeB.join(user, session, "laptop", 2);
             WsClient phoneOnB = nodeB.join(user, session, "phone", 2)) {
            WsClient phoneOnA = nodeA.join(user, session, "phone", 2);
            Eventually.until("three connections present", WAIT, () -> KEYS.presentConnections(session) == 3);
            phoneOnA.close();
            Eventually.until("node A released the phone's connection", WAIT,
                    () -> KEYS.presentConnections(session) == 2);

            phoneOnB.send(change("marker", 0, "add", "/x", 1));
            List<Integer> before = new java.util.ArrayList<>();
            for (JsonNode message = laptop.next(); message.path("type").asInt() != 11; message = laptop.next()) {
                before.add(message.path("type").asInt());
            }

            assertThat(before).as("what the laptop heard before the marker change").doesNotContain(23);
            JsonNode devices = nodeA.call("GET", "/v1/sessions/" + session + "/devices", nodeA.userToken(user), null)
                    .json().path("devices");
            assertThat(devices).extracting(d -> d.path("id").asText()).as("devices seen from node A")
                    .containsExactlyInAnyOrder("laptop", "phone");
            assertThat(devices).allSatisfy(d -> assertThat(d.path("online").asBoolean()).as("online: %s", d).isTrue());
        }
    }
}
