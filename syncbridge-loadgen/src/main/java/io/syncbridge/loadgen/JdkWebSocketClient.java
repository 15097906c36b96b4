package io.syncbridge.loadgen;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/** The load generator's sockets on the JDK's {@code java.net.http} WebSocket client (kept to compare with). */
final class JdkWebSocketClient implements WebSocketClient {

    private final HttpClient client;

    JdkWebSocketClient(Duration connectTimeout) {
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
    }

    @Override
    public CompletableFuture<Connection> connect(URI uri, Listener listener, Duration timeout) {
        return client.newWebSocketBuilder().connectTimeout(timeout).buildAsync(uri, new Adapter(listener))
                .<Connection>thenApply(JdkConnection::new)
                .exceptionallyCompose(failure -> {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    if (cause instanceof WebSocketHandshakeException handshake) {
                        int status = handshake.getResponse().statusCode();
                        return CompletableFuture.failedFuture(new HandshakeRefused(status, "upgrade answered " + status));
                    }
                    return CompletableFuture.failedFuture(cause);
                });
    }

    @Override
    public void close() {
        // Every socket has been closed or aborted by now; close() would wait on the JDK's own bookkeeping.
        client.shutdownNow();
    }

    private record JdkConnection(WebSocket socket) implements Connection {

        @Override
        public CompletableFuture<?> sendText(String text) {
            return socket.sendText(text, true);
        }

        @Override
        public CompletableFuture<?> sendClose(int statusCode, String reason) {
            return socket.sendClose(statusCode, reason);
        }

        @Override
        public boolean isOutputClosed() {
            return socket.isOutputClosed();
        }

        @Override
        public void abort() {
            socket.abort();
        }
    }

    /** Joins the JDK's text fragments and hands on whole messages as UTF-8. */
    private static final class Adapter implements WebSocket.Listener {

        private final Listener listener;
        private final StringBuilder partial = new StringBuilder();

        Adapter(Listener listener) {
            this.listener = listener;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            listener.onOpen(new JdkConnection(webSocket));
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                byte[] utf8 = partial.toString().getBytes(StandardCharsets.UTF_8);
                partial.setLength(0);
                listener.onText(utf8, 0, utf8.length);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            listener.onClose(statusCode, reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            listener.onError(error);
        }
    }
}
