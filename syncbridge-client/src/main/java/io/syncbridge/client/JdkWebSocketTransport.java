package io.syncbridge.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/** The default transport: the JDK's {@code java.net.http} WebSocket client. */
public final class JdkWebSocketTransport implements Transport {

    private final HttpClient http;
    private final Duration connectTimeout;

    public JdkWebSocketTransport() {
        this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(), Duration.ofSeconds(10));
    }

    public JdkWebSocketTransport(HttpClient http, Duration connectTimeout) {
        this.http = Objects.requireNonNull(http, "http");
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
    }

    @Override
    public CompletableFuture<Link> open(URI uri, Receiver receiver) {
        FrameListener listener = new FrameListener(receiver);
        return http.newWebSocketBuilder().connectTimeout(connectTimeout).buildAsync(uri, listener)
                .thenApply(JdkLink::new);
    }

    /** Sends one frame after the other: the JDK refuses a send while the previous one is incomplete. */
    private static final class JdkLink implements Link {
        private final WebSocket socket;
        private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);

        JdkLink(WebSocket socket) {
            this.socket = socket;
        }

        @Override
        public synchronized void send(String text) {
            tail = tail.handle((ignored, failure) -> null)
                    .thenCompose(ignored -> socket.isOutputClosed()
                            ? CompletableFuture.completedFuture(null) : socket.sendText(text, true));
        }

        @Override
        public void abort() {
            socket.abort();
        }
    }

    /** Joins partial text frames and reports the end once, whichever way it comes. */
    private static final class FrameListener implements WebSocket.Listener {
        private final Receiver receiver;
        private final StringBuilder partial = new StringBuilder();
        private final AtomicBoolean closed = new AtomicBoolean();

        FrameListener(Receiver receiver) {
            this.receiver = receiver;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                receiver.onText(text);
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            if (closed.compareAndSet(false, true)) {
                receiver.onClosed("closed by the server: " + statusCode + " " + reason);
            }
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            if (closed.compareAndSet(false, true)) {
                receiver.onClosed("connection failed: " + error);
            }
        }
    }
}
