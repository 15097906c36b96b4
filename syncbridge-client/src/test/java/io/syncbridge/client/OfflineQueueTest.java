package io.syncbridge.client;

import static io.syncbridge.client.LiveSessionSyncTest.add;
import static io.syncbridge.client.LiveSessionSyncTest.assertRemoteChangesOnceInOrder;
import static io.syncbridge.client.LiveSessionSyncTest.client;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.state.JsonValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two clients reach the server through TCP proxies that the test cuts: what they change while cut
 * off queues, and when the link returns it reaches the server once, and each other, in order.
 */
class OfflineQueueTest {

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

    @Test
    void changesMadeWhileCutOffReachTheServerOnceAndBothClientsEndIdenticalToIt() throws Exception {
        try (CuttableProxy phoneLink = new CuttableProxy(server.port());
             CuttableProxy laptopLink = new CuttableProxy(server.port());
             LiveSession phone = client(server, TestServer.endpoint(phoneLink.port()), user, session, "phone")
                     .connect();
             LiveSession laptop = client(server, TestServer.endpoint(laptopLink.port()), user, session, "laptop")
                     .connect()) {
            phone.connected().get(30, TimeUnit.SECONDS);
            laptop.connected().get(30, TimeUnit.SECONDS);
            phone.change(add("/before", 1)).get(30, TimeUnit.SECONDS);
            Waits.until("laptop at version 1", () -> laptop.version() == 1);
            List<RemoteChange> seenByPhone = Collections.synchronizedList(new ArrayList<>());
            List<RemoteChange> seenByLaptop = Collections.synchronizedList(new ArrayList<>());
            phone.onRemoteChange(seenByPhone::add);
            laptop.onRemoteChange(seenByLaptop::add);

            phoneLink.cut();
            laptopLink.cut();
            Waits.until("both offline", () -> phone.status() == Status.OFFLINE && laptop.status() == Status.OFFLINE);
            List<CompletableFuture<ChangeAck>> acks = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                acks.add(phone.change(add("/phone" + i, i)));
                if (i < 50) {
                    acks.add(laptop.change(add("/laptop" + i, i)));
                }
            }
            assertThat(phone.pendingChanges()).isEqualTo(200);
            assertThat(laptop.pendingChanges()).isEqualTo(50);
            assertThat(phone.state().members()).hasSize(201);
            assertThat(server.session(user, session).version()).as("nothing reached the server").isEqualTo(1);

            phoneLink.restore();
            laptopLink.restore();
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);

            Session onServer = server.session(user, session);
            assertThat(onServer.version()).as("every change applied exactly once").isEqualTo(251);
            assertThat(onServer.state().root().members()).hasSize(251);
            for (int i = 0; i < 200; i++) {
                assertThat(onServer.state().root().get("phone" + i)).contains(JsonValue.of(i));
            }
            Waits.until("both clients at the server's version",
                    () -> phone.version() == 251 && laptop.version() == 251);
            assertThat(phone.state()).isEqualTo(onServer.state().root());
            assertThat(laptop.state()).isEqualTo(onServer.state().root());
            assertThat(acks).extracting(f -> f.join().version()).doesNotHaveDuplicates();
            Waits.until("listeners told", () -> seenByPhone.size() == 50 && seenByLaptop.size() == 200);
            assertRemoteChangesOnceInOrder(seenByPhone, "laptop");
            assertRemoteChangesOnceInOrder(seenByLaptop, "phone");
        }
    }
}
