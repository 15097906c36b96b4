package io.syncbridge.adapter.javalin.ws;

import java.nio.ByteBuffer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * Wraps Javalin's Jetty endpoint so that binary messages are read in pieces and thrown away: the
 * endpoint then sees one empty binary message, answered with the documented Error, whatever the
 * size sent. Javalin's own endpoint takes binary messages whole, which makes Jetty hold a message in
 * memory up to the limit and close the connection with 1009 beyond it. Public only because Jetty
 * calls its methods through method handles.
 */
public final class BinaryDrainingEndpoint implements Session.Listener.AutoDemanding {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();

    private final Session.Listener endpoint;

    private BinaryDrainingEndpoint(Session.Listener endpoint) {
        this.endpoint = endpoint;
    }

    /** The endpoint wrapped when it is an auto-demanding listener (Javalin's is); otherwise as it is. */
    static Object around(Object endpoint) {
        return endpoint instanceof Session.Listener.AutoDemanding listener ? new BinaryDrainingEndpoint(listener) : endpoint;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        endpoint.onWebSocketOpen(session);
    }

    @Override
    public void onWebSocketText(String message) {
        endpoint.onWebSocketText(message);
    }

    @Override
    public void onWebSocketPartialBinary(ByteBuffer piece, boolean last, Callback callback) {
        // The piece is dropped here: only the end of the message reaches the endpoint, empty.
        if (last) {
            endpoint.onWebSocketBinary(EMPTY, Callback.NOOP);
        }
        callback.succeed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        endpoint.onWebSocketError(cause);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        endpoint.onWebSocketClose(statusCode, reason, callback);
    }
}
