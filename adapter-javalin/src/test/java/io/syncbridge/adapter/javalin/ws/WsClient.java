package io.syncbridge.adapter.javalin.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real java.net.http WebSocket client for the tests: collects the server's messages and its close. */
public final class WsClient implements WebSocket.Listener, AutoCloseable {

    public static final Duration WAIT = Duration.ofSeconds(10);
    public static final ObjectMapper JSON = new ObjectMapper();

    /** The close the server sent: code and reason. */
    public record Close(int code, String reason) {
    }

    private final LinkedBlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Close> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final java.util.concurrent.atomic.AtomicInteger pings = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean reading = true;
    private WebSocket socket;

    public static WsClient connect(HttpClient http, URI uri) {
        WsClient client = new WsClient();
        client.socket = http.newWebSocketBuilder().connectTimeout(WAIT).buildAsync(uri, client)
                .orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        return client;
    }

    /** Connects offering {@code subprotocols} (Sec-WebSocket-Protocol), in order. */
    public static WsClient connect(HttpClient http, URI uri, String subprotocol, String... more) {
        WsClient client = new WsClient();
        client.socket = http.newWebSocketBuilder().connectTimeout(WAIT).subprotocols(subprotocol, more)
                .buildAsync(uri, client).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        return client;
    }

    /** The subprotocol the server answered the upgrade with; empty for none. */
    public String subprotocol() {
        return socket.getSubprotocol();
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            try {
                messages.add(JSON.readTree(text));
            } catch (Exception e) {
                messages.add(JSON.createObjectNode().put("unparseable", text));
            }
        }
        if (reading) {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        messages.add(JSON.createObjectNode().put("binary", data.remaining()));
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
        pings.incrementAndGet();
        // java.net.http answers every ping with a pong by itself.
        webSocket.request(1);
        return null;
    }

    public int pings() {
        return pings.get();
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(new Close(statusCode, reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(new Close(-1, String.valueOf(error)));
    }

    /** Stops asking for frames: from now on the client reads nothing (a stalled consumer). */
    public void stopReading() {
        reading = false;
    }

    public void send(String text) {
        socket.sendText(text, true).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    public void send(JsonNode message) {
        send(message.toString());
    }

    /** Sends {type, payload} (and a correlation id when given). */
    public void send(int type, Object payload) {
        ObjectNode message = JSON.createObjectNode().put("type", type);
        message.set("payload", JSON.valueToTree(payload));
        send(message);
    }

    public void sendBinary(byte[] data) {
        socket.sendBinary(ByteBuffer.wrap(data), true).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    /** The next message, failing when none comes in time. */
    public JsonNode next() {
        try {
            JsonNode message = messages.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (message == null) {
                fail("no message from the server within " + WAIT);
            }
            return message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next message within {@code wait}, or null when none came (for clients that expect the connection to die). */
    public JsonNode poll(Duration wait) {
        try {
            return messages.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next message, which must be of {@code type}. */
    public JsonNode next(int type) {
        JsonNode message = next();
        assertThat(message.path("type").asInt()).as("type of %s", message).isEqualTo(type);
        return message;
    }

    /** Skips messages until one of {@code type} comes; returns it. */
    public JsonNode await(int type) {
        while (true) {
            JsonNode message = next();
            if (message.path("type").asInt() == type) {
                return message;
            }
        }
    }

    /** Sends a heartbeat and returns everything that arrived before its ack (which the server sends in order). */
    public List<JsonNode> drain() {
        String marker = "drain-" + System.nanoTime();
        ObjectNode heartbeat = JSON.createObjectNode().put("type", 1).put("correlation_id", marker);
        heartbeat.putObject("payload").put("client_time", 1);
        send(heartbeat);
        List<JsonNode> before = new ArrayList<>();
        while (true) {
            JsonNode message = next();
            if (message.path("type").asInt() == 2 && marker.equals(message.path("correlation_id").asText())) {
                return before;
            }
            before.add(message);
        }
    }

    public Close awaitClose() {
        return closed.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
    }
}
