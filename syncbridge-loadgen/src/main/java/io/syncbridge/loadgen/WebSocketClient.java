package io.syncbridge.loadgen;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The load generator's WebSocket transport: the JDK's {@code java.net.http} client, or the
 * generator's own NIO client, which costs far less per received frame (see PERFORMANCE.md).
 */
interface WebSocketClient extends AutoCloseable {

    /** Which client carries the load run's sockets. */
    enum Kind {
        /** {@code java.net.http.WebSocket}. */
        JDK,
        /** {@link NioWebSocketClient}: one selector thread for every socket. */
        NIO
    }

    static WebSocketClient create(Kind kind, Duration connectTimeout) {
        return switch (kind) {
            case JDK -> new JdkWebSocketClient(connectTimeout);
            case NIO -> new NioWebSocketClient();
        };
    }

    /** Opens a socket; fails with {@link HandshakeRefused} when the server does not answer 101. */
    CompletableFuture<Connection> connect(URI uri, Listener listener, Duration timeout);

    @Override
    void close();

    /** One open socket. {@link #sendText} may be called from any thread; sends go out in call order. */
    interface Connection {

        /** Completes when the frame has been handed to the socket. */
        CompletableFuture<?> sendText(String text);

        CompletableFuture<?> sendClose(int statusCode, String reason);

        boolean isOutputClosed();

        void abort();
    }

    /** What a socket reports; calls for one socket come one at a time, in order. */
    interface Listener {

        /** Before any message. */
        void onOpen(Connection connection);

        /** A whole text message as UTF-8; the array range is only valid during the call. */
        void onText(byte[] utf8, int offset, int length);

        void onClose(int statusCode, String reason);

        void onError(Throwable error);
    }

    /** The server answered the upgrade with something other than 101 Switching Protocols. */
    final class HandshakeRefused extends RuntimeException {

        private final int statusCode;

        HandshakeRefused(int statusCode, String message) {
            super(message);
            this.statusCode = statusCode;
        }

        int statusCode() {
            return statusCode;
        }
    }
}
