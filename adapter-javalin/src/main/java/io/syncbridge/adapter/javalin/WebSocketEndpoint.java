package io.syncbridge.adapter.javalin;

import io.javalin.config.JavalinConfig;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * How the WebSocket gateway plugs into {@link GatewayServer}: it registers its routes on the
 * Javalin configuration, says how many connections are open (health, metrics), and closes them
 * all (code 1001) when the server shuts down; how many sessions have connections here (metrics).
 * Built from the gateway's methods: {@code new WebSocketEndpoint(gateway::register,
 * gateway::activeConnections, gateway::activeSessions, gateway::shutdown)}.
 */
public record WebSocketEndpoint(Consumer<JavalinConfig> register, LongSupplier activeConnections,
                                LongSupplier activeSessions, Runnable shutdown) {

    /** No WebSocket surface (REST only). */
    public static final WebSocketEndpoint NONE = new WebSocketEndpoint(cfg -> {
    }, () -> 0, () -> 0, () -> {
    });

    public WebSocketEndpoint {
        Objects.requireNonNull(register, "register");
        Objects.requireNonNull(activeConnections, "activeConnections");
        Objects.requireNonNull(activeSessions, "activeSessions");
        Objects.requireNonNull(shutdown, "shutdown");
    }

    /** A surface that does not count its sessions. */
    public WebSocketEndpoint(Consumer<JavalinConfig> register, LongSupplier activeConnections, Runnable shutdown) {
        this(register, activeConnections, () -> 0, shutdown);
    }
}
