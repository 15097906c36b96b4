package io.syncbridge.client;

import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * The WebSocket under a client, behind the little the client needs, so that another WebSocket
 * implementation can be plugged in. The default is {@link JdkWebSocketTransport}.
 */
public interface Transport {

    /** Opens a connection; the future fails when it cannot be opened. */
    CompletableFuture<Link> open(URI uri, Receiver receiver);

    /** An open connection. {@code send} may be called from any thread; frames go out in call order. */
    interface Link {
        void send(String text);

        /** Closes at once, without waiting for the server (a dead link is not waited on). */
        void abort();
    }

    /** What arrives on a connection: whole text frames, in order, then one {@code closed}. */
    interface Receiver {
        void onText(String text);

        void onClosed(String why);
    }
}
