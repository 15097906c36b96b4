package io.syncbridge.adapter.javalin.ws;

import static io.syncbridge.adapter.javalin.GatewayFixture.newId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.syncbridge.adapter.javalin.GatewayFixture;
import io.syncbridge.application.SyncBridge;
import io.syncbridge.domain.change.Change;
import io.syncbridge.domain.change.MutationId;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.UserId;
import io.syncbridge.domain.session.SessionPolicy;
import io.syncbridge.domain.state.JsonPointer;
import io.syncbridge.domain.state.JsonValue;
import io.syncbridge.domain.state.PatchOperation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The v2 flows: changes, conflicts, deltas, resume, batches, device limit, handoffs, removal, session end. */
class WebSocketV2FlowTest {

    /** A short change log, so that a resume from far back needs a reset. */
    private static final int LOG_CAPACITY = 3;

    private static GatewayFixture server;

    @BeforeAll
    static void start() {
        server = GatewayFixture.start(SyncBridge.builder()
                .policy(SessionPolicy.DEFAULT.withChangeLogCapacity(LOG_CAPACITY)).build(), GatewayFixture.SETTINGS);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private final String user = newId("user");
    private final String session = newId("session");

    static ObjectNode change(String mutationId, long baseVersion, Object... opTriples) {
        ObjectNode message = WsClient.JSON.createObjectNode().put("type", 10);
        message.set("payload", changePayload(mutationId, baseVersion, opTriples));
        return message;
    }

    /** {mutation_id, base_version, ops}; ops as (op, path, value) triples. */
    static ObjectNode changePayload(String mutationId, long baseVersion, Object... opTriples) {
        ObjectNode payload = WsClient.JSON.createObjectNode().put("mutation_id", mutationId)
                .put("base_version", baseVersion);
        ArrayNode ops = payload.putArray("ops");
        for (int i = 0; i < opTriples.length; i += 3) {
            ObjectNode op = ops.addObject().put("op", (String) opTriples[i]).put("path", (String) opTriples[i + 1]);
            if (!"remove".equals(opTriples[i])) {
                op.set("value", WsClient.JSON.valueToTree(opTriples[i + 2]));
            }
        }
        return payload;
    }

    private static JsonNode json(Object value) {
        return WsClient.JSON.valueToTree(value);
    }

    @Test
    void acknowledgesAChangeAndSendsItAsADeltaToTheOtherV2ConnectionsOnly() {
        try (WsClient phone = server.joinV2(user, session, "phone");
             WsClient laptop = server.joinV2(user, session, "laptop")) {
            phone.send(change("m-1", 0, "add", "/profile", Map.of("name", "Ann")));
            JsonNode ack = phone.await(12).path("payload");
            assertThat(ack).isEqualTo(json(Map.of("mutation_id", "m-1", "version", 1, "outcome", "applied")));
            assertThat(server.state(user, session).path("profile").path("name").asText()).isEqualTo("Ann");
            JsonNode delta = laptop.await(11).path("payload");
            assertThat(delta.path("version").asLong()).isEqualTo(1);
            assertThat(delta.path("device_id").asText()).isEqualTo("phone");
            assertThat(delta.path("mutation_id").asText()).isEqualTo("m-1");
            assertThat(delta.path("ops")).isEqualTo(json(List.of(
                    Map.of("op", "add", "path", "/profile", "value", Map.of("name", "Ann")))));
            assertThat(phone.drain()).extracting(m -> m.path("type").asInt()).doesNotContain(11);
        }
    }

    /** A refused change leaves no mark: its mutation id, used later by another device, is not taken for its own. */
    @Test
    void aDeviceGetsTheDeltaOfAChangeThatReusesTheMutationIdOfItsOwnRefusedChange() {
        try (WsClient phone = server.joinV2(user, session, "phone");
             WsClient laptop = server.joinV2(user, session, "laptop")) {
            phone.send(change("m-7", 0, "remove", "/missing", null));
            assertThat(phone.await(6).path("payload").path("details").path("mutation_id").asText()).isEqualTo("m-7");

            laptop.send(change("m-7", 0, "add", "/score", 1));
            assertThat(laptop.await(12).path("payload").path("outcome").asText()).isEqualTo("applied");
            JsonNode delta = phone.await(11).path("payload");
            assertThat(delta.path("mutation_id").asText()).isEqualTo("m-7");
            assertThat(delta.path("device_id").asText()).isEqualTo("laptop");
        }
    }

    @Test
    void answersAConflictNamingThePathAndItsCurrentValue() {
        try (WsClient phone = server.joinV2(user, session, "phone");
             WsClient laptop = server.joinV2(user, session, "laptop")) {
            phone.send(change("m-1", 0, "add", "/score", 1));
            phone.await(12);
            phone.send(change("m-2", 1, "replace", "/score", 2));
            phone.await(12);
            laptop.send(change("m-3", 1, "replace", "/score", 3));
            JsonNode conflict = laptop.await(13).path("payload");
            assertThat(conflict).isEqualTo(json(Map.of("mutation_id", "m-3", "base_version", 1, "current_version", 2,
                    "reason", "VERSION_CONFLICT", "conflicts", List.of(Map.of("path", "/score", "current_value", 2)))));
            assertThat(server.state(user, session).path("score").asInt()).isEqualTo(2);
        }
    }

    @Test
    void rebasesAChangeOnAnOlderVersionThatTouchesOtherPaths() {
        try (WsClient phone = server.joinV2(user, session, "phone");
             WsClient laptop = server.joinV2(user, session, "laptop")) {
            phone.send(change("m-1", 0, "add", "/a", 1));
            phone.await(12);
            phone.send(change("m-2", 1, "add", "/b", 2));
            phone.await(12);
            laptop.send(change("m-3", 1, "add", "/c", 3));
            JsonNode ack = laptop.await(12).path("payload");
            assertThat(ack).isEqualTo(json(Map.of("mutation_id", "m-3", "version", 3, "outcome", "rebased")));
            assertThat(server.state(user, session)).isEqualTo(json(Map.of("a", 1, "b", 2, "c", 3)));
        }
    }

    @Test
    void acknowledgesARetriedChangeAsADuplicateWithoutApplyingItAgain() {
        try (WsClient phone = server.joinV2(user, session, "phone")) {
            phone.send(change("m-1", 0, "add", "/list", List.of()));
            phone.await(12);
            phone.send(change("m-2", 1, "add", "/list/-", "x"));
            assertThat(phone.await(12).path("payload").path("version").asLong()).isEqualTo(2);
            phone.send(change("m-2", 1, "add", "/list/-", "x"));
            JsonNode again = phone.await(12).path("payload");
            assertThat(again).isEqualTo(json(Map.of("mutation_id", "m-2", "version", 2, "outcome", "duplicate")));
            assertThat(server.state(user, session).path("list")).isEqualTo(json(List.of("x")));
            assertThat(server.version(user, session)).isEqualTo(2);
        }
    }

    @Test
    void sendsV1ClientsTheCurrentTopLevelValueOfANestedChange() {
        try (WsClient writer = server.joinV2(user, session, "phone");
             WsClient v1 = server.joinV1(user, session, "laptop")) {
            writer.send(change("m-1", 0, "add", "/profile", Map.of("name", "Ann")));
            assertThat(v1.await(5).path("payload"))
                    .isEqualTo(json(Map.of("key", "profile", "value", Map.of("name", "Ann"))));
            writer.send(change("m-2", 1, "replace", "/profile/name", "Bo", "add", "/profile/age", 7));
            assertThat(v1.await(5).path("payload"))
                    .isEqualTo(json(Map.of("key", "profile", "value", Map.of("name", "Bo", "age", 7))));
            writer.send(change("m-3", 2, "remove", "/profile", null));
            assertThat(v1.await(5).path("payload")).isEqualTo(json(Map.of("key", "profile", "operation", "DELETE")));
        }
    }

    @Test
    void sendsDeltasForChangesMadeThroughV1MessagesAndThroughTheCore() {
        try (WsClient watcher = server.joinV2(user, session, "phone");
             WsClient v1 = server.joinV1(user, session, "laptop")) {
            v1.send("{\"type\":5,\"payload\":{\"key\":\"theme\",\"value\":\"dark\"}}");
            JsonNode fromV1 = watcher.await(11).path("payload");
            assertThat(fromV1.path("device_id").asText()).isEqualTo("laptop");
            assertThat(fromV1.path("ops")).isEqualTo(json(List.of(Map.of("op", "add", "path", "/theme", "value", "dark"))));
            server.core.sync().apply(server.owner(user), SessionId.scoped(new UserId(user), session), new Change(new MutationId("rest-1"), 1,
                    List.of(new PatchOperation.Add(JsonPointer.parse("/volume"), JsonValue.of(3))),
                    new DeviceId("web"), Instant.now()));
            JsonNode fromCore = watcher.await(11).path("payload");
            assertThat(fromCore.path("version").asLong()).isEqualTo(2);
            assertThat(fromCore.path("mutation_id").asText()).isEqualTo("rest-1");
            assertThat(v1.await(5).path("payload")).isEqualTo(json(Map.of("key", "volume", "value", 3)));
        }
    }

    @Test
    void resumesWithTheChangesSinceTheLastVersionSeen() {
        try (WsClient phone = server.joinV2(user, session, "phone")) {
            phone.send(change("m-1", 0, "add", "/a", 1));
            phone.send(change("m-2", 1, "add", "/b", 2));
            phone.send(change("m-3", 2, "add", "/c", 3));
            phone.await(12);
            phone.await(12);
            phone.await(12);
        }
        try (WsClient back = server.connect()) {
            ObjectNode auth = GatewayFixture.auth(server.sessionToken(user, session, "phone"));
            ((ObjectNode) auth.get("payload")).put("protocol", 2).put("last_version", 1);
            back.send(auth);
            assertThat(back.next(8).path("payload").path("version").asLong()).isEqualTo(3);
            JsonNode catchup = back.next(15).path("payload");
            assertThat(catchup.path("from_version").asLong()).isEqualTo(1);
            assertThat(catchup.path("to_version").asLong()).isEqualTo(3);
            assertThat(catchup.path("changes")).extracting(c -> c.path("version").asLong()).containsExactly(2L, 3L);
            assertThat(catchup.path("changes").get(0).path("device_id").asText()).isEqualTo("phone");
            assertThat(catchup.path("changes").get(0).path("ops"))
                    .isEqualTo(json(List.of(Map.of("op", "add", "path", "/b", "value", 2))));
            back.send("{\"type\":14,\"correlation_id\":\"r\",\"payload\":{\"last_version\":3}}");
            JsonNode current = back.next(15);
            assertThat(current.path("correlation_id").asText()).isEqualTo("r");
            assertThat(current.path("payload").path("changes")).isEmpty();
        }
    }

    @Test
    void resumesWithAResetSnapshotWhenTheLogNoLongerReaches() {
        try (WsClient phone = server.joinV2(user, session, "phone")) {
            for (int i = 1; i <= LOG_CAPACITY + 3; i++) {
                phone.send(change("m-" + i, i - 1, "add", "/n", i));
                phone.await(12);
            }
            phone.send("{\"type\":14,\"payload\":{\"last_version\":1}}");
            JsonNode reset = phone.next(4).path("payload");
            assertThat(reset.path("reset").asBoolean()).isTrue();
            assertThat(reset.path("version").asLong()).isEqualTo(LOG_CAPACITY + 3);
            assertThat(reset.path("state_data")).isEqualTo(json(Map.of("n", LOG_CAPACITY + 3)));
            assertThat(reset.path("session_id").asText()).isEqualTo(session);
        }
    }

    /**
     * A device that comes back while another writes gets every version once and in order: what its
     * catch-up (or reset) covers, then each later change as a delta, with nothing sent before the
     * catch-up, repeated or skipped, however the deliveries interleave with its authentication.
     */
    @Test
    void aDeviceResumingWhileAnotherWritesGetsEveryVersionOnceAndInOrder() throws Exception {
        int changes = 200;
        try (WsClient phone = server.joinV2(user, session, "phone")) {
            Thread writer = Thread.ofVirtual().start(() -> {
                for (int i = 1; i <= changes; i++) {
                    phone.send(change("m-" + i, i - 1, "add", "/n", i));
                    phone.await(12);
                }
            });
            try (WsClient laptop = server.connect()) {
                ObjectNode auth = GatewayFixture.auth(server.sessionToken(user, session, "laptop"));
                ((ObjectNode) auth.get("payload")).put("protocol", 2).put("last_version", 0);
                laptop.send(auth);
                long covered = laptop.await(8).path("payload").path("version").asLong();
                JsonNode first = laptop.next();
                switch (first.path("type").asInt()) {
                    case 15 -> {
                        JsonNode catchup = first.path("payload");
                        assertThat(catchup.path("from_version").asLong()).isZero();
                        assertThat(catchup.path("changes")).extracting(c -> c.path("version").asLong())
                                .containsExactlyElementsOf(range(1, catchup.path("to_version").asLong()));
                        covered = catchup.path("to_version").asLong();
                    }
                    case 4 -> {
                        assertThat(first.path("payload").path("reset").asBoolean()).isTrue();
                        covered = first.path("payload").path("version").asLong();
                    }
                    default -> throw new AssertionError("expected a catch-up or a reset first, got " + first);
                }
                while (covered < changes) {
                    JsonNode delta = laptop.await(11).path("payload");
                    assertThat(delta.path("version").asLong()).as("the delta after version %d", covered)
                            .isEqualTo(covered + 1);
                    covered++;
                }
                writer.join();
                assertThat(laptop.drain()).extracting(m -> m.path("type").asInt()).doesNotContain(11);
            }
        }
    }

    private static List<Long> range(long from, long to) {
        return java.util.stream.LongStream.rangeClosed(from, to).boxed().toList();
    }

    @Test
    void resolvesABatchInOrderAndAppliesNothingTwiceWhenItIsSentAgain() {
        try (WsClient phone = server.joinV2(user, session, "phone")) {
            ObjectNode batch = WsClient.JSON.createObjectNode().put("type", 16);
            ArrayNode changes = batch.putObject("payload").putArray("changes");
            changes.add(changePayload("o-1", 0, "add", "/a", 1));
            changes.add(changePayload("o-2", 1, "add", "/b", 2));
            changes.add(changePayload("o-3", 0, "replace", "/a", 9));
            phone.send(batch);
            JsonNode results = phone.next(17).path("payload").path("results");
            assertThat(results.get(0)).isEqualTo(json(Map.of("mutation_id", "o-1", "version", 1, "outcome", "applied")));
            assertThat(results.get(1)).isEqualTo(json(Map.of("mutation_id", "o-2", "version", 2, "outcome", "applied")));
            assertThat(results.get(2).path("reason").asText()).isEqualTo("VERSION_CONFLICT");
            assertThat(results.get(2).path("conflicts").get(0).path("path").asText()).isEqualTo("/a");

            phone.send(batch);
            JsonNode again = phone.next(17).path("payload").path("results");
            assertThat(again).extracting(r -> r.path("outcome").asText()).containsExactly("duplicate", "duplicate", "");
            assertThat(again.get(2).path("reason").asText()).isEqualTo("VERSION_CONFLICT");
            assertThat(server.version(user, session)).isEqualTo(2);
            assertThat(server.state(user, session)).isEqualTo(json(Map.of("a", 1, "b", 2)));
        }
    }

    @Test
    void refusesASixthDeviceListingTheFiveButAcceptsAnotherConnectionOfAKnownDevice() {
        List<WsClient> five = new java.util.ArrayList<>();
        try {
            for (int i = 1; i <= 5; i++) {
                five.add(server.joinV2(user, session, "device-" + i));
            }
            try (WsClient sixth = server.connect()) {
                sixth.send(GatewayFixture.auth(server.sessionToken(user, session, "device-6")));
                JsonNode failure = sixth.next(9).path("payload");
                assertThat(failure.path("code").asInt()).isEqualTo(409);
                assertThat(failure.path("reason").asText()).isEqualTo("DEVICE_LIMIT_REACHED");
                assertThat(failure.path("devices")).extracting(d -> d.path("id").asText())
                        .containsExactly("device-1", "device-2", "device-3", "device-4", "device-5");
                sixth.send("{\"type\":3}");
                assertThat(sixth.next(6).path("payload").path("code").asInt()).isEqualTo(403);
            }
            try (WsClient again = server.joinV2(user, session, "device-3")) {
                again.send("{\"type\":3}");
                again.await(4);
            }
        } finally {
            five.forEach(WsClient::close);
        }
    }

    @Test
    void handsOffOnRequestSendingTheStateToTheTargetAndTellingEveryone() {
        try (WsClient phone = server.joinV2(user, session, "phone");
             WsClient laptop = server.joinV2(user, session, "laptop")) {
            phone.send(change("m-1", 0, "add", "/position", 42));
            phone.await(12);
            phone.send("{\"type\":18,\"payload\":{\"target_device_id\":\"laptop\"}}");
            JsonNode start = laptop.await(20).path("payload");
            assertThat(start.path("from_device_id").asText()).isEqualTo("phone");
            assertThat(start.path("version").asLong()).isEqualTo(1);
            assertThat(start.path("state_data")).isEqualTo(json(Map.of("position", 42)));
            JsonNode complete = laptop.await(21).path("payload");
            assertThat(complete.path("handoff_id").asText()).isEqualTo(start.path("handoff_id").asText());
            JsonNode told = phone.await(21).path("payload");
            assertThat(told.path("from_device_id").asText()).isEqualTo("phone");
            assertThat(told.path("to_device_id").asText()).isEqualTo("laptop");
            assertThat(told.path("latency_ms").isIntegralNumber()).isTrue();
            assertThat(phone.drain()).extracting(m -> m.path("type").asInt()).doesNotContain(20);
        }
    }

    @Test
    void handsOffToTheDeviceThatClaimsAHandoffToken() {
        try (WsClient phone = server.joinV2(user, session, "phone")) {
            phone.send(change("m-1", 0, "add", "/track", "intro"));
            phone.await(12);
            phone.send("{\"type\":19,\"correlation_id\":\"t\",\"payload\":{\"ttl_seconds\":60}}");
            JsonNode issued = phone.await(19);
            assertThat(issued.path("correlation_id").asText()).isEqualTo("t");
            String handoffToken = issued.path("payload").path("handoff_token").asText();
            assertThat(handoffToken).isNotBlank();
            assertThat(Instant.parse(issued.path("payload").path("expires_at").asText()))
                    .isBetween(Instant.now().plusSeconds(50), Instant.now().plusSeconds(61));
            try (WsClient tablet = server.connect()) {
                tablet.send("{\"type\":7,\"payload\":{\"handoff_token\":\"" + handoffToken
                        + "\",\"device_id\":\"tablet\",\"protocol\":2}}");
                JsonNode success = tablet.next(8).path("payload");
                assertThat(success.path("device_id").asText()).isEqualTo("tablet");
                assertThat(success.path("active_device_id").asText()).isEqualTo("tablet");
                JsonNode start = tablet.next(20).path("payload");
                assertThat(start.path("from_device_id").asText()).isEqualTo("phone");
                assertThat(start.path("state_data")).isEqualTo(json(Map.of("track", "intro")));
                JsonNode complete = phone.await(21).path("payload");
                assertThat(complete.path("to_device_id").asText()).isEqualTo("tablet");
            }
            try (WsClient thief = server.connect()) {
                thief.send("{\"type\":7,\"payload\":{\"handoff_token\":\"" + handoffToken + "\",\"device_id\":\"x\"}}");
                JsonNode failure = thief.next(9).path("payload");
                assertThat(failure.path("code").asInt()).isEqualTo(401);
                assertThat(failure.path("reason").asText()).isEqualTo("HANDOFF_TOKEN_INVALID");
            }
        }
    }

    @Test
    void tellsTheOthersWhenADeviceJoinsAndLeaves() {
        try (WsClient phone = server.joinV2(user, session, "phone")) {
            WsClient laptop = server.joinV2(user, session, "laptop");
            JsonNode joined = phone.await(22).path("payload").path("device");
            assertThat(joined.path("id").asText()).isEqualTo("laptop");
            assertThat(joined.path("online").asBoolean()).isTrue();
            laptop.close();
            JsonNode left = phone.await(23).path("payload");
            assertThat(left).isEqualTo(json(Map.of("device_id", "laptop", "reason", "disconnected")));
        }
    }

    @Test
    void closesTheConnectionsOfARemovedDevice() {
        try (WsClient phone = server.joinV2(user, session, "phone");
             WsClient laptop = server.joinV2(user, session, "laptop")) {
            server.core.devices().remove(server.owner(user), SessionId.scoped(new UserId(user), session), new DeviceId("laptop"));
            assertThat(phone.await(23).path("payload")).isEqualTo(json(Map.of("device_id", "laptop", "reason", "removed")));
            assertThat(laptop.awaitClose().code()).isEqualTo(1008);
            phone.send("{\"type\":1}");
            phone.await(2);
            assertThat(phone.isClosed()).isFalse();
        }
    }

    @Test
    void endsTheSessionForEveryConnectionWhenItIsDeleted() {
        try (WsClient v2 = server.joinV2(user, session, "phone");
             WsClient v1 = server.joinV1(user, session, "laptop")) {
            server.core.sessions().delete(server.owner(user), SessionId.scoped(new UserId(user), session));
            assertThat(v2.await(25).path("payload")).isEqualTo(json(Map.of("reason", "deleted")));
            assertThat(v2.awaitClose().code()).isEqualTo(1000);
            assertThat(v1.awaitClose().code()).isEqualTo(1000);
        }
    }

    @Test
    void answersAChangeThatCannotApplyWithAnErrorAndChangesNothing() {
        try (WsClient phone = server.joinV2(user, session, "phone")) {
            phone.send(change("m-1", 0, "remove", "/missing", null));
            JsonNode error = phone.next(6).path("payload");
            assertThat(error.path("code").asInt()).isEqualTo(422);
            assertThat(error.path("reason").asText()).isEqualTo("INVALID_STATE");
            assertThat(error.path("details").path("mutation_id").asText()).isEqualTo("m-1");
            phone.send(change("m-2", 0, "add", "no-slash", 1));
            assertThat(phone.next(6).path("payload").path("code").asInt()).isEqualTo(400);
            phone.send("{\"type\":10,\"payload\":{\"mutation_id\":\"m-3\",\"base_version\":0,\"ops\":[{\"op\":\"move\",\"path\":\"/a\"}]}}");
            assertThat(phone.next(6).path("payload").path("reason").asText()).isEqualTo("INVALID_MESSAGE");
            assertThat(server.version(user, session)).isZero();
        }
    }

    @Test
    void sendsNoV2MessagesToV1Connections() {
        try (WsClient v1 = server.joinV1(user, session, "phone");
             WsClient v2 = server.joinV2(user, session, "laptop")) {
            v2.send(change("m-1", 0, "add", "/a", 1));
            v2.await(12);
            v2.send("{\"type\":18,\"payload\":{\"target_device_id\":\"phone\"}}");
            v2.await(21);
            v2.send("{\"type\":19,\"payload\":{}}");
            v2.await(19);
            assertThat(v1.drain()).extracting(m -> m.path("type").asInt()).containsExactly(5);
        }
    }

    @Test
    void sendsV1ClientsEveryKeyAndEachRemovedKeyWhenTheWholeStateIsReplaced() {
        try (WsClient writer = server.joinV1(user, session, "phone");
             WsClient v1 = server.joinV1(user, session, "laptop")) {
            writer.send("{\"type\":5,\"payload\":{\"key\":\"old\",\"value\":1}}");
            writer.send("{\"type\":5,\"payload\":{\"key\":\"kept\",\"value\":2}}");
            v1.await(5);
            v1.await(5);
            server.core.sync().replace(server.owner(user), SessionId.scoped(new UserId(user), session),
                    new io.syncbridge.domain.state.JsonObject(Map.of("kept", JsonValue.of(3))),
                    java.util.OptionalLong.empty(), new MutationId("put-1"), new DeviceId("web"));
            assertThat(List.of(v1.await(5).path("payload"), v1.await(5).path("payload"))).containsExactlyInAnyOrder(
                    json(Map.of("key", "old", "operation", "DELETE")), json(Map.of("key", "kept", "value", 3)));
        }
    }
}
