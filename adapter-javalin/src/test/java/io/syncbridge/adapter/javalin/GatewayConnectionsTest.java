package io.syncbridge.adapter.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a connection costs the server at the edge: a listen backlog for reconnect storms, no HTTP
 * session per WebSocket, selectors on platform threads.
 */
class GatewayConnectionsTest {

    private static GatewayFixture gateway;

    @BeforeAll
    static void start() {
        gateway = GatewayFixture.start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void theListeningSocketHoldsABacklogForDevicesReconnectingAtOnce() {
        assertThat(gateway.server.listenBacklog()).isEqualTo(GatewayServer.ACCEPT_BACKLOG);
    }

    /**
     * Thread.getAllStackTraces lists platform threads only: on a virtual thread the selector loop
     * would park through the JDK's poller on every select, and no thread here would show it.
     */
    @Test
    void jettySelectsOnAPlatformThread() {
        assertThat(Thread.getAllStackTraces().entrySet())
                .anySatisfy(thread -> assertThat(thread.getValue())
                        .anyMatch(frame -> frame.getClassName().equals("org.eclipse.jetty.io.ManagedSelector")));
    }

    @Test
    void aWebSocketUpgradeIsAnsweredWithoutASessionCookie() throws Exception {
        for (String path : List.of("/ws", "/v1/ws")) {
            List<String> head = upgrade(path);

            assertThat(head.getFirst()).as(path).startsWith("HTTP/1.1 101");
            assertThat(head).as(path).noneMatch(line -> line.toLowerCase().startsWith("set-cookie"));
        }
    }

    /** The response head of a raw WebSocket upgrade request on {@code path}. */
    private static List<String> upgrade(String path) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
                    + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            List<String> head = new ArrayList<>();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                head.add(line);
            }
            return head;
        }
    }
}
