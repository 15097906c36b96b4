package io.syncbridge.adapter.javalin.ws;

import io.javalin.http.Context;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The WebSocket subprotocols a browser may offer: {@code syncbridge.v1}, the one the server
 * accepts, and {@code token.<jwt>}, a way to present the access token without putting it in the
 * URL. The server answers {@code syncbridge.v1} when it was offered and nothing otherwise: never
 * another offer, so the token is never echoed back.
 */
final class Subprotocols {

    static final String HEADER = "Sec-WebSocket-Protocol";
    static final String ACCEPTED = "syncbridge.v1";
    static final String TOKEN_PREFIX = "token.";

    private Subprotocols() {
    }

    /** The offers of a {@code Sec-WebSocket-Protocol} header (comma-separated), in order. */
    static List<String> offered(String header) {
        if (header == null || header.isBlank()) {
            return List.of();
        }
        return Arrays.stream(header.split(",")).map(String::trim).filter(p -> !p.isEmpty()).toList();
    }

    /** The token offered as {@code token.<jwt>}, if any. */
    static Optional<String> token(String header) {
        return offered(header).stream().filter(p -> p.startsWith(TOKEN_PREFIX))
                .map(p -> p.substring(TOKEN_PREFIX.length())).filter(t -> !t.isEmpty()).findFirst();
    }

    /**
     * Sets the upgrade's answer: Javalin echoes the first offer by itself, which may be the token,
     * so this replaces it with {@link #ACCEPTED} or removes it.
     */
    static void answer(Context ctx) {
        List<String> offers = offered(ctx.header(HEADER));
        if (offers.isEmpty()) {
            return;
        }
        ctx.res().setHeader(HEADER, offers.contains(ACCEPTED) ? ACCEPTED : null);
    }
}
