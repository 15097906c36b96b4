package io.syncbridge.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.domain.state.JsonObject;
import io.syncbridge.domain.state.JsonPointer;
import io.syncbridge.domain.state.JsonValue;
import io.syncbridge.domain.state.PatchOperation;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The client against a scripted server: what it does when the server lost changes, and when its token expires. */
class ServerBehindAndTokensTest {

    private final ScriptedTransport server = new ScriptedTransport();

    private SyncClient.Builder client(TokenSource tokens, LocalStore store) {
        return SyncClient.builder(URI.create("ws://scripted/ws"), "s-1", "phone").tokens(tokens).store(store)
                .transport(server).backoff(new Backoff(Duration.ofMillis(10), Duration.ofMillis(20)));
    }

    private static JsonObject authSuccess(long version) {
        return Wire.obj("new_token", "fresh", "session_id", "s-1", "device_id", "phone", "version", version,
                "active_device_id", "phone");
    }

    @Test
    void aServerBehindTheClientGetsTheHeldStateBackAndThenThePendingChanges() throws Exception {
        InMemoryLocalStore store = new InMemoryLocalStore();
        JsonObject held = Wire.obj("a", 1L, "b", 2L);
        store.checkpoint(held, 5);
        store.append(new PendingChange("m-queued", 5,
                List.of(new PatchOperation.Add(JsonPointer.parse("/c"), JsonValue.of(3)))));

        try (LiveSession session = client(() -> "token", store).connect()) {
            JsonObject auth = Wire.object(server.next(7), "payload");
            assertThat(Wire.number(auth, "last_version", -1)).isEqualTo(5);
            server.reply(8, authSuccess(2));
            server.reply(4, Wire.obj("session_id", "s-1", "state_data", Wire.obj("a", 1L), "version", 2L,
                    "reset", true, "reason", "server_behind", "server_version", 2L));

            JsonObject batch = Wire.object(server.next(16), "payload");
            List<JsonObject> changes = Wire.objects(batch, "changes");
            assertThat(changes).hasSize(2);
            assertThat(Wire.number(changes.get(0), "base_version", -1)).isEqualTo(2);
            assertThat(Wire.objects(changes.get(0), "ops")).singleElement().isEqualTo(
                    Wire.obj("op", "replace", "path", "", "value", held));
            assertThat(Wire.text(changes.get(1), "mutation_id")).isEqualTo("m-queued");
            assertThat(Wire.number(changes.get(1), "base_version", -1)).isEqualTo(3);
            assertThat(session.state()).isEqualTo(Wire.obj("a", 1L, "b", 2L, "c", 3L));
        }
    }

    @Test
    void anExpiredTokenIsAskedForAgainAndTheNextAuthCarriesTheNewOne() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        try (LiveSession session = client(() -> "token-" + asked.incrementAndGet(), new InMemoryLocalStore())
                .connect()) {
            assertThat(Wire.text(Wire.object(server.next(7), "payload"), "token")).isEqualTo("token-1");
            server.reply(9, Wire.obj("code", 401L, "reason", "TOKEN_EXPIRED", "message", "Token expired"));

            assertThat(Wire.text(Wire.object(server.next(7), "payload"), "token")).isEqualTo("token-2");
            server.reply(8, authSuccess(0));
            server.reply(15, Wire.obj("from_version", 0L, "to_version", 0L, "changes", new io.syncbridge.domain.state.JsonArray(List.of())));
            Waits.until("online", () -> session.status() == Status.ONLINE);
            assertThat(asked).hasValue(2);
        }
    }

    @Test
    void theTokenFromAuthSuccessIsUsedToReconnectWithoutAskingTheSource() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        try (LiveSession session = client(() -> "token-" + asked.incrementAndGet(), new InMemoryLocalStore())
                .connect()) {
            server.next(7);
            server.reply(8, authSuccess(0));
            server.reply(15, Wire.obj("from_version", 0L, "to_version", 0L));
            Waits.until("online", () -> session.status() == Status.ONLINE);

            server.reply(25, Wire.obj("reason", "lost"));

            assertThat(Wire.text(Wire.object(server.next(7), "payload"), "token")).isEqualTo("fresh");
            assertThat(asked).hasValue(1);
        }
    }

    @Test
    void aChangeWithAnOperationThisClientCannotApplyMakesItTakeTheServersState() throws Exception {
        try (LiveSession session = client(() -> "token", new InMemoryLocalStore()).connect()) {
            server.next(7);
            server.reply(8, authSuccess(0));
            server.reply(15, Wire.obj("from_version", 0L, "to_version", 0L));
            Waits.until("online", () -> session.status() == Status.ONLINE);

            server.reply(11, Wire.obj("version", 1L, "device_id", "laptop", "mutation_id", "x-1",
                    "ops", new io.syncbridge.domain.state.JsonArray(List.of(
                            Wire.obj("op", "teleport", "path", "/a", "from", "/b")))));

            server.next(3);
            server.reply(4, Wire.obj("session_id", "s-1", "state_data", Wire.obj("a", 7L), "version", 1L));
            Waits.until("the server's state taken", () -> session.version() == 1);
            assertThat(session.state()).isEqualTo(Wire.obj("a", 7L));
        }
    }
}
