package io.syncbridge.adapter.javalin.ws;

import static io.syncbridge.adapter.javalin.GatewayFixture.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncbridge.adapter.javalin.GatewayFixture;
import io.syncbridge.adapter.javalin.GatewaySettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The limits: messages per minute, connections per address, pings and the pong timeout, slow consumers. */
class WebSocketLimitsTest {

    private static GatewaySettings settings(int messagesPerMinute, int perAddress, Duration interval, Duration timeout,
                                            long sendQueueBytes) {
        return GatewayFixture.SETTINGS.toBuilder().wsMessagesPerMinute(messagesPerMinute).maxConnectionsPerIp(perAddress)
                .heartbeatInterval(interval).heartbeatTimeout(timeout).sendQueueBytes(sendQueueBytes).build();
    }

    private final String user = newId("user");
    private final String session = newId("session");

    @Test
    void answersMessagesBeyondTheRateLimitWith429AndDoesNotApplyThem() throws Exception {
        try (GatewayFixture server = GatewayFixture.start(settings(5, 256, Duration.ofSeconds(30),
                Duration.ofSeconds(60), 8L << 20));
             WsClient client = server.joinV1(user, session, "phone")) {
            // The Auth was the first of the five messages of this minute.
            for (int i = 1; i <= 6; i++) {
                client.send("{\"type\":5,\"correlation_id\":\"u" + i + "\",\"payload\":{\"key\":\"k" + i + "\",\"value\":" + i + "}}");
            }
            for (int i = 5; i <= 6; i++) {
                JsonNode limited = client.next(6);
                assertThat(limited.path("correlation_id").asText()).isEqualTo("u" + i);
                assertThat(limited.path("payload").path("code").asInt()).isEqualTo(429);
                assertThat(limited.path("payload").path("reason").asText()).isEqualTo("RATE_LIMITED");
                // A v1 connection: details is a string, the specifics as JSON text.
                JsonNode details = WsClient.JSON.readTree(limited.path("payload").path("details").textValue());
                assertThat(details.path("retry_after_seconds").asLong()).isBetween(1L, 60L);
            }
            assertThat(server.state(user, session).size()).isEqualTo(4);
            assertThat(server.state(user, session).has("k5")).isFalse();
            assertThat(client.isClosed()).isFalse();
        }
    }

    @Test
    void refusesConnectionsBeyondThePerAddressCapAtTheUpgrade() {
        try (GatewayFixture server = GatewayFixture.start(settings(100, 2, Duration.ofSeconds(30),
                Duration.ofSeconds(60), 8L << 20))) {
            WsClient first = server.connect();
            WsClient second = server.connect("/v1/ws");
            Eventually.until("two connections open", Duration.ofSeconds(5), () -> server.gateway.activeConnections() == 2);
            assertThatThrownBy(server::connect)
                    .isInstanceOf(CompletionException.class)
                    .cause().isInstanceOf(WebSocketHandshakeException.class)
                    .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(429));
            first.close();
            Eventually.until("a slot is free again", Duration.ofSeconds(5), () -> server.gateway.activeConnections() == 1);
            try (WsClient third = server.connect()) {
                third.send("{\"type\":1}");
                third.next(2);
            }
            second.close();
        }
    }

    @Test
    void pingsEveryIntervalAndKeepsAClientThatAnswersThem() {
        try (GatewayFixture server = GatewayFixture.start(settings(100, 256, Duration.ofMillis(200),
                Duration.ofMillis(800), 8L << 20));
             WsClient client = server.joinV1(user, session, "phone")) {
            Eventually.until("pings arrive", Duration.ofSeconds(5), () -> client.pings() >= 5);
            // Five pings at 200 ms span more than the 800 ms timeout: answering pongs kept it open.
            assertThat(client.isClosed()).isFalse();
            client.send("{\"type\":1}");
            client.await(2);
        }
    }

    @Test
    void closesAConnectionThatSendsNothingNotEvenPongs() throws IOException {
        try (GatewayFixture server = GatewayFixture.start(settings(100, 256, Duration.ofMillis(200),
                Duration.ofMillis(800), 8L << 20));
             Socket silent = rawUpgrade(server.port())) {
            Eventually.until("the silent connection is open", Duration.ofSeconds(5),
                    () -> server.gateway.activeConnections() == 1);
            Eventually.until("the silent connection is dropped", Duration.ofSeconds(10),
                    () -> server.gateway.activeConnections() == 0);
            silent.setSoTimeout(10_000);
            InputStream in = silent.getInputStream();
            byte[] buffer = new byte[4096];
            int total = 0;
            int read;
            try {
                while ((read = in.read(buffer)) >= 0) {
                    total += read;
                }
            } catch (IOException reset) {
                // A connection reset is as good as an orderly close here.
            }
            assertThat(total).as("pings and a close frame were sent before the socket closed").isPositive();
        }
    }

    @Test
    void dropsAClientThatStopsReadingWithoutDelayingTheOthers() {
        // 600 frames of 64 KiB: far more than socket buffers and a send queue of 128 such frames (8 MiB) hold.
        int updates = 600;
        String value = "v".repeat(64 * 1024);
        try (GatewayFixture server = GatewayFixture.start(settings(100_000, 256, Duration.ofSeconds(30),
                Duration.ofSeconds(60), 128L * 64 * 1024));
             WsClient writer = server.joinV1(user, session, "phone");
             WsClient reader = server.joinV1(user, session, "laptop");
             WsClient stalled = server.joinV1(user, session, "tablet")) {
            stalled.stopReading();
            // In rounds the reader keeps up with, while the stalled client's socket and queue fill up.
            for (int round = 0; round < updates / 50; round++) {
                for (int i = round * 50; i < (round + 1) * 50; i++) {
                    writer.send("{\"type\":5,\"payload\":{\"key\":\"blob\",\"value\":\"" + i + ":" + value + "\"}}");
                }
                for (int i = round * 50; i < (round + 1) * 50; i++) {
                    String received = reader.await(5).path("payload").path("value").asText();
                    assertThat(received).startsWith(i + ":");
                }
            }
            Eventually.until("the stalled client is dropped", Duration.ofSeconds(10),
                    () -> server.gateway.activeConnections() == 2);
            assertThat(server.registry.get("websocket_connection_errors_total").counter().count()).isPositive();
        }
    }

    /** Completes a WebSocket handshake by hand and then neither reads nor writes anything. */
    private static Socket rawUpgrade(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        String key = Base64.getEncoder().encodeToString("0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
        OutputStream out = socket.getOutputStream();
        out.write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed during the handshake: " + head);
            }
            head.append((char) b);
        }
        assertThat(head.toString()).startsWith("HTTP/1.1 101");
        return socket;
    }
}
