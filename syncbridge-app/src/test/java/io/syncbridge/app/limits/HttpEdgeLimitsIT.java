package io.syncbridge.app.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.adapter.javalin.ws.Eventually;
import io.syncbridge.app.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTTP edge against clients that hold connections: a client that sends its request head a
 * byte at a time is cut by the header time-out, and one address cannot hold more connections than
 * its cap while other addresses (127.0.0.2 is loopback too on Linux) still get in, WebSocket
 * handshakes included. Raw sockets, so that the test controls every byte.
 */
class HttpEdgeLimitsIT {

    private static final int CAP = 4;
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.startUnchecked(Map.of("HTTP_HEADER_TIMEOUT", "2s", "HTTP_MAX_CONNECTIONS_PER_IP",
                Integer.toString(CAP)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aClientSendingItsRequestHeadAByteAtATimeIsCutByTheHeaderTimeout() throws Exception {
        try (Socket slow = connectFrom("127.0.0.3")) {
            slow.setSoTimeout(30_000);
            OutputStream out = slow.getOutputStream();
            AtomicBoolean cut = new AtomicBoolean();
            Thread dribbler = Thread.ofVirtual().start(() -> {
                byte[] head = "GET /health/live HTTP/1.1\r\nHost: localhost\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII);
                try {
                    // A byte every 500 ms never lets the connection go idle: only a header deadline cuts it.
                    for (int i = 0; !cut.get(); i++) {
                        out.write(i < head.length ? head[i] : 'a');
                        out.flush();
                        Thread.sleep(500);
                    }
                } catch (IOException | InterruptedException e) {
                    cut.set(true);
                }
            });
            int first = readOrEnd(slow.getInputStream());
            cut.set(true);
            dribbler.join(5_000);
            assertThat(first).as("the server closed the connection without answering").isEqualTo(-1);
        }
    }

    @Test
    void aKeptAliveConnectionTricklingItsNextRequestHeadIsCutToo() throws Exception {
        try (Socket slow = connectFrom("127.0.0.4")) {
            assertThat(statusLine(slow, "GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n"))
                    .startsWith("HTTP/1.1 200");
            skipRestOfResponse(slow.getInputStream());
            OutputStream out = slow.getOutputStream();
            AtomicBoolean cut = new AtomicBoolean();
            Thread dribbler = Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; !cut.get(); i++) {
                        out.write(i == 0 ? 'G' : 'a');
                        out.flush();
                        Thread.sleep(500);
                    }
                } catch (IOException | InterruptedException e) {
                    cut.set(true);
                }
            });
            slow.setSoTimeout(30_000);
            int next = readOrEnd(slow.getInputStream());
            cut.set(true);
            dribbler.join(5_000);
            assertThat(next).as("the server closed the connection without answering the trickled request")
                    .isEqualTo(-1);
        }
    }

    @Test
    void oneAddressCannotHoldMoreThanItsCapWhileAnotherStillConnects() throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < CAP; i++) {
                Socket socket = connectFrom("127.0.0.1");
                held.add(socket);
                assertThat(statusLine(socket, "GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n"))
                        .as("connection %d of the cap", i + 1).startsWith("HTTP/1.1 200");
            }

            try (Socket beyond = connectFrom("127.0.0.1")) {
                assertThat(statusLine(beyond, "GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n"))
                        .as("the connection past the cap is closed unanswered").isEmpty();
            }

            try (Socket other = connectFrom("127.0.0.2")) {
                assertThat(statusLine(other, "GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n"))
                        .as("another address is not affected").startsWith("HTTP/1.1 200");
            }
            try (Socket webSocket = connectFrom("127.0.0.2")) {
                assertThat(statusLine(webSocket, "GET /ws HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                        + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                        + "Sec-WebSocket-Version: 13\r\n\r\n"))
                        .as("WebSocket handshakes still work").startsWith("HTTP/1.1 101");
            }

            held.removeFirst().close();
            Eventually.until("a slot of 127.0.0.1 is free again", Duration.ofSeconds(10), () -> {
                try (Socket again = connectFrom("127.0.0.1")) {
                    return statusLine(again, "GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n")
                            .startsWith("HTTP/1.1 200");
                } catch (IOException e) {
                    return false;
                }
            });
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    private static Socket connectFrom(String localAddress) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(localAddress, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
        return socket;
    }

    /** Sends the request and reads the status line; empty when the server closes without one. */
    private static String statusLine(Socket socket, String request) throws IOException {
        socket.setSoTimeout(15_000);
        try {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
        } catch (SocketException closed) {
            return "";
        }
        StringBuilder line = new StringBuilder();
        InputStream in = socket.getInputStream();
        while (true) {
            int b = readOrEnd(in);
            if (b < 0 || b == '\n') {
                return line.toString().trim();
            }
            line.append((char) b);
        }
    }

    /** Reads the headers after the status line and the body of a {@code Content-Length} response. */
    private static void skipRestOfResponse(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int length = 0;
        while (true) {
            int b = readOrEnd(in);
            if (b < 0) {
                return;
            }
            if (b != '\n') {
                line.append((char) b);
                continue;
            }
            String header = line.toString().trim();
            line.setLength(0);
            if (header.isEmpty()) {
                break;
            }
            if (header.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(header.substring("content-length:".length()).trim());
            }
        }
        for (int i = 0; i < length; i++) {
            readOrEnd(in);
        }
    }

    /** One byte, or -1 when the connection ended (closed or reset). */
    private static int readOrEnd(InputStream in) throws IOException {
        try {
            return in.read();
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no answer and no close within the read time-out", e);
        } catch (SocketException reset) {
            return -1;
        }
    }
}
