package io.syncbridge.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncbridge.domain.error.SyncError;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.state.JsonPointer;
import io.syncbridge.domain.state.JsonValue;
import io.syncbridge.domain.state.PatchOperation;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Clients on one session of a real server (in-memory stores, in this JVM): they converge, and see each other's changes once. */
class LiveSessionSyncTest {

    private static TestServer server;
    private final String user = TestServer.newId("user");
    private final String session = TestServer.newId("session");

    @BeforeAll
    static void startServer() {
        server = TestServer.inMemory();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    static SyncClient.Builder client(TestServer on, URI endpoint, String user, String session, String device) {
        return SyncClient.builder(endpoint, session, device)
                .tokens(() -> on.sessionToken(user, session, device))
                .device("desktop", device)
                .heartbeat(Duration.ofMillis(500), Duration.ofSeconds(5))
                .backoff(new Backoff(Duration.ofMillis(50), Duration.ofMillis(500)));
    }

    static PatchOperation add(String path, long value) {
        return new PatchOperation.Add(JsonPointer.parse(path), JsonValue.of(value));
    }

    @Test
    void twoClientsConvergeAndEachSeesTheOthersChangesOnceInOrder() throws Exception {
        try (LiveSession phone = client(server, server.endpoint(), user, session, "phone").connect();
             LiveSession laptop = client(server, server.endpoint(), user, session, "laptop").connect()) {
            phone.connected().get(30, TimeUnit.SECONDS);
            laptop.connected().get(30, TimeUnit.SECONDS);
            List<RemoteChange> seenByPhone = Collections.synchronizedList(new ArrayList<>());
            List<RemoteChange> seenByLaptop = Collections.synchronizedList(new ArrayList<>());
            phone.onRemoteChange(seenByPhone::add);
            laptop.onRemoteChange(seenByLaptop::add);

            List<CompletableFuture<ChangeAck>> acks = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                acks.add(phone.change(add("/p" + i, i)));
                acks.add(laptop.change(add("/l" + i, i)));
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

            Session onServer = server.session(user, session);
            assertThat(onServer.version()).isEqualTo(100);
            Waits.until("both clients at the server's version",
                    () -> phone.version() == 100 && laptop.version() == 100);
            assertThat(phone.state()).isEqualTo(onServer.state().root());
            assertThat(laptop.state()).isEqualTo(onServer.state().root());
            assertThat(phone.pendingChanges()).isZero();
            Waits.until("listeners told", () -> seenByPhone.size() == 50 && seenByLaptop.size() == 50);
            assertRemoteChangesOnceInOrder(seenByPhone, "laptop");
            assertRemoteChangesOnceInOrder(seenByLaptop, "phone");
            assertThat(acks).extracting(f -> f.join().version()).doesNotHaveDuplicates();
        }
    }

    static void assertRemoteChangesOnceInOrder(List<RemoteChange> seen, String from) {
        assertThat(seen).allSatisfy(c -> assertThat(c.deviceId()).isEqualTo(from));
        assertThat(seen).extracting(RemoteChange::mutationId).doesNotHaveDuplicates();
        assertThat(seen).extracting(RemoteChange::version).isSorted();
    }

    @Test
    void aChangeShowsInTheLocalViewAtOnceAndItsFutureCompletesWithTheAck() throws Exception {
        try (LiveSession phone = client(server, server.endpoint(), user, session, "phone").connect()) {
            CompletableFuture<ChangeAck> ack = phone.change(add("/volume", 7));

            assertThat(phone.state().get("volume")).contains(JsonValue.of(7));
            assertThat(ack.get(30, TimeUnit.SECONDS).version()).isEqualTo(1);
            Waits.until("confirmed", () -> phone.version() == 1 && phone.pendingChanges() == 0);
            assertThat(phone.confirmedState().get("volume")).contains(JsonValue.of(7));
        }
    }

    @Test
    void aChangeThatCannotApplyLocallyIsRefusedAndChangesNothing() throws Exception {
        try (LiveSession phone = client(server, server.endpoint(), user, session, "phone").connect()) {
            phone.connected().get(30, TimeUnit.SECONDS);

            assertThatThrownBy(() -> phone.change(new PatchOperation.Remove(JsonPointer.parse("/missing"))))
                    .isInstanceOf(SyncError.class);
            assertThat(phone.pendingChanges()).isZero();
            assertThat(phone.state().members()).isEmpty();
        }
    }

    @Test
    void aFullQueueRefusesTheNextChangeClearly() {
        try (LiveSession offline = SyncClient.builder(TestServer.endpoint(1), session, "phone")
                .tokens(() -> "no-server-here").maxPendingChanges(3)
                .backoff(new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(5))).connect()) {
            for (int i = 0; i < 3; i++) {
                offline.change(add("/k" + i, i));
            }

            assertThatThrownBy(() -> offline.change(add("/k3", 3)))
                    .isInstanceOf(QueueFullException.class)
                    .hasMessageContaining("3 pending changes");
            assertThat(offline.pendingChanges()).isEqualTo(3);
            assertThat(offline.state().members()).doesNotContainKey("k3");
        }
    }

    @Test
    void aQueuedChangeThatConflictsIsDroppedWhenTheHandlerSaysSo() throws Exception {
        List<ConflictHandler.Conflict> conflicts = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<ChangeAck> laptopAck = conflictWhileOffline(ConflictHandler.DROP, conflicts);

        assertThatThrownBy(() -> laptopAck.get(60, TimeUnit.SECONDS))
                .hasCauseInstanceOf(ChangeRejectedException.class);
        Waits.until("the conflict reported", () -> conflicts.size() == 1);
        assertThat(conflicts.get(0).conflicts()).extracting(p -> p.path().toString()).containsExactly("/score");
        assertThat(conflicts.get(0).conflicts().get(0).currentValue()).contains(JsonValue.of(2));
        assertThat(server.session(user, session).version()).isEqualTo(2);
        assertThat(server.session(user, session).state().root().get("score")).contains(JsonValue.of(2));
    }

    @Test
    void aQueuedChangeThatConflictsIsReappliedOnTheNewStateByDefault() throws Exception {
        List<ConflictHandler.Conflict> conflicts = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<ChangeAck> laptopAck = conflictWhileOffline(ConflictHandler.REAPPLY, conflicts);

        assertThat(laptopAck.get(60, TimeUnit.SECONDS).version()).isEqualTo(3);
        assertThat(conflicts).hasSize(1);
        assertThat(server.session(user, session).state().root().get("score")).contains(JsonValue.of(3));
    }

    /**
     * The laptop replaces /score while cut off; meanwhile the phone replaces it too. When the laptop
     * comes back, its queued change meets the phone's in the catchup.
     */
    private CompletableFuture<ChangeAck> conflictWhileOffline(ConflictHandler handler,
                                                            List<ConflictHandler.Conflict> conflicts) throws Exception {
        try (CuttableProxy link = new CuttableProxy(server.port());
             LiveSession phone = client(server, server.endpoint(), user, session, "phone").connect()) {
            LiveSession laptop = client(server, TestServer.endpoint(link.port()), user, session, "laptop")
                    .conflictHandler(handler).connect();
            try {
                laptop.onConflict(conflicts::add);
                phone.change(add("/score", 1)).get(30, TimeUnit.SECONDS);
                Waits.until("laptop saw the score", () -> laptop.version() == 1);
                link.cut();
                Waits.until("laptop offline", () -> laptop.status() == Status.OFFLINE);

                CompletableFuture<ChangeAck> laptopAck = laptop.change(new PatchOperation.Replace(
                        JsonPointer.parse("/score"), JsonValue.of(3)));
                phone.change(new PatchOperation.Replace(JsonPointer.parse("/score"), JsonValue.of(2)))
                        .get(30, TimeUnit.SECONDS);
                link.restore();

                laptopAck.handle((ack, failure) -> null).get(60, TimeUnit.SECONDS);
                Session onServer = server.session(user, session);
                Waits.until("laptop at the server's version", () -> laptop.version() == onServer.version());
                assertThat(laptop.state()).isEqualTo(onServer.state().root());
                return laptopAck;
            } finally {
                laptop.close();
            }
        }
    }
}
