package io.syncbridge.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.state.JsonValue;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client process is killed (SIGKILL) with changes pending in its file store; a new client on the
 * same store sends them, and the server applies each exactly once.
 */
class RestartTest {

    private static TestServer server;
    private final String user = TestServer.newId("user");
    private final String session = TestServer.newId("session");

    @TempDir
    Path store;

    @BeforeAll
    static void startServer() {
        server = TestServer.inMemory();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void changesQueuedOfflineByAKilledProcessAreSentOnceByTheNextClientOnTheStore() throws Exception {
        // Nothing listens on the child's endpoint: its 100 changes can only queue.
        killChildAfterQueueing(TestServer.endpoint(unusedPort()), 100);

        assertSentOnceByANewClient(100);
    }

    @Test
    void changesOfAProcessKilledWhileSendingThemAreAppliedOnceInTheEnd() throws Exception {
        // The child is online: when it is killed some changes are acknowledged, some in flight, some queued.
        killChildAfterQueueing(server.endpoint(), 100);

        assertSentOnceByANewClient(100);
    }

    private void assertSentOnceByANewClient(int count) throws Exception {
        try (LiveSession restarted = LiveSessionSyncTest.client(server, server.endpoint(), user, session, "phone")
                .storeIn(store).connect()) {
            restarted.connected().get(60, TimeUnit.SECONDS);
            Waits.until("the restored changes sent", () -> restarted.pendingChanges() == 0);

            Session onServer = server.session(user, session);
            assertThat(onServer.version()).as("each change applied exactly once").isEqualTo(count);
            for (int i = 0; i < count; i++) {
                assertThat(onServer.state().root().get("item" + i)).contains(JsonValue.of(i));
            }
            assertThat(restarted.state()).isEqualTo(onServer.state().root());
            assertThat(restarted.restoredChanges().values()).allSatisfy(f -> assertThat(f).isCompleted());
        }
        try (LiveSession again = LiveSessionSyncTest.client(server, server.endpoint(), user, session, "phone")
                .storeIn(store).connect()) {
            again.connected().get(60, TimeUnit.SECONDS);
            assertThat(again.pendingChanges()).as("nothing left to send after a clean close").isZero();
            assertThat(server.session(user, session).version()).isEqualTo(count);
        }
    }

    private void killChildAfterQueueing(URI endpoint, int count) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                QueueingChild.class.getName(), endpoint.toString(), store.toString(), session, "phone",
                server.sessionToken(user, session, "phone"), Integer.toString(count)))
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            StringBuilder seen = new StringBuilder();
            while ((line = out.readLine()) != null && !line.startsWith("QUEUED")) {
                seen.append(line).append('\n');
            }
            assertThat(line).as("the child's output: %s", seen).startsWith("QUEUED " + count);
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no close of the store
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);
    }

    private static int unusedPort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
