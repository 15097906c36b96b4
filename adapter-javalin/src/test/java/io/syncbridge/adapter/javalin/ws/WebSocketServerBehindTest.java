package io.syncbridge.adapter.javalin.ws;

import static io.syncbridge.adapter.javalin.GatewayFixture.newId;
import static io.syncbridge.adapter.javalin.ws.WebSocketV2FlowTest.change;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.syncbridge.adapter.javalin.GatewayFixture;
import io.syncbridge.application.SyncBridge;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.UserId;
import io.syncbridge.domain.session.SessionPolicy;
import io.syncbridge.domain.time.Clock;
import io.syncbridge.inmemory.InMemoryChangeFeed;
import io.syncbridge.inmemory.InMemorySessionStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An honest resume: a device that saw more than the server holds (the server lost changes it had
 * acknowledged) is told so; a device whose session the store lost is told once and disconnected.
 */
class WebSocketServerBehindTest {

    private static InMemorySessionStore store;
    private static GatewayFixture server;

    private final String user = newId("user");
    private final String session = newId("session");

    @BeforeAll
    static void start() {
        InMemoryChangeFeed feed = new InMemoryChangeFeed();
        store = new InMemorySessionStore(feed, Clock.system(), SessionPolicy.DEFAULT);
        server = GatewayFixture.start(SyncBridge.builder().sessionStore(store, store, feed).build(),
                GatewayFixture.SETTINGS);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aV2DeviceResumingAheadOfTheServerGetsAResetThatSaysServerBehind() {
        try (WsClient phone = server.joinV2(user, session, "phone")) {
            phone.send(change("m-1", 0, "add", "/a", 1));
            phone.await(12);
        }
        try (WsClient back = server.connect()) {
            ObjectNode auth = GatewayFixture.auth(server.sessionToken(user, session, "phone"));
            ((ObjectNode) auth.get("payload")).put("protocol", 2).put("last_version", 50);
            back.send(auth);
            assertThat(back.next(8).path("payload").path("version").asLong()).isEqualTo(1);
            JsonNode reset = back.next(4).path("payload");
            assertThat(reset.path("reset").asBoolean()).isTrue();
            assertThat(reset.path("reason").asText()).isEqualTo("server_behind");
            assertThat(reset.path("server_version").asLong()).isEqualTo(1);
            assertThat(reset.path("version").asLong()).isEqualTo(1);

            back.send("{\"type\":14,\"payload\":{\"last_version\":7}}");
            assertThat(back.next(4).path("payload").path("reason").asText()).isEqualTo("server_behind");
        }
    }

    @Test
    void aV1DeviceResumingAheadOfTheServerGetsTheSnapshotAsBefore() {
        try (WsClient back = server.connect()) {
            ObjectNode auth = GatewayFixture.auth(server.sessionToken(user, session, "phone"));
            ((ObjectNode) auth.get("payload")).put("protocol", 1).put("last_version", 50);
            back.send(auth);
            back.next(8);
            JsonNode reset = back.next(4).path("payload");
            assertThat(reset.path("reset").asBoolean()).isTrue();
            assertThat(reset.has("reason")).as("v1 gets no field it does not know: %s", reset).isFalse();
            assertThat(reset.path("version").asLong()).isZero();
        }
    }

    @Test
    void aConnectedDeviceSendingAChangeBasedAheadOfTheServerIsResetAfterTheConflict() {
        try (WsClient phone = server.joinV2(user, session, "phone")) {
            phone.send(change("m-1", 0, "add", "/a", 1));
            phone.await(12);
            phone.send(change("m-ahead", 9, "add", "/b", 2));
            JsonNode conflict = phone.await(13).path("payload");
            assertThat(conflict.path("mutation_id").asText()).isEqualTo("m-ahead");
            JsonNode reset = phone.next(4).path("payload");
            assertThat(reset.path("reason").asText()).isEqualTo("server_behind");
            assertThat(reset.path("server_version").asLong()).isEqualTo(1);
        }
    }

    @Test
    void aDeviceWhoseSessionTheStoreLostIsToldOnceAndDisconnected() {
        try (WsClient phone = server.joinV2(user, session, "phone")) {
            phone.send(change("m-1", 0, "add", "/a", 1));
            phone.await(12);
            store.delete(SessionId.scoped(new UserId(user), session));

            phone.send(change("m-2", 1, "add", "/b", 2));
            JsonNode error = phone.await(6).path("payload");
            assertThat(error.path("code").asInt()).isEqualTo(404);
            assertThat(phone.await(25).path("payload").path("reason").asText()).isEqualTo("lost");
            assertThat(phone.awaitClose().code()).isEqualTo(1000);
        }
    }
}
