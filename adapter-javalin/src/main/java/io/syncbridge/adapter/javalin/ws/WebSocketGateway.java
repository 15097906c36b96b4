package io.syncbridge.adapter.javalin.ws;

import io.javalin.config.JavalinConfig;
import io.javalin.config.JavalinState;
import io.javalin.http.Context;
import io.javalin.plugin.Plugin;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.syncbridge.adapter.javalin.GatewaySettings;
import io.syncbridge.domain.error.SyncError;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.port.in.DevicesUseCase;
import io.syncbridge.port.in.GrantsUseCase;
import io.syncbridge.port.in.HandoffUseCase;
import io.syncbridge.port.in.SessionsUseCase;
import io.syncbridge.port.in.StateSyncUseCase;
import io.syncbridge.port.in.UseCases;
import io.syncbridge.port.out.AccessTokens;
import io.syncbridge.port.out.TokenRejected;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket gateway, a Javalin plugin: {@code /ws}, {@code /v1/ws} (authenticate with an Auth
 * message) and {@code /v1/ws/sessions/{sessionId}?token=&deviceId=} (authenticated at the
 * upgrade), speaking the v1 contract to every client and the v2 messages to those that ask for
 * protocol 2.
 */
public final class WebSocketGateway extends Plugin<Void> {

    public static final String PATH = "/ws";
    public static final String V1_PATH = "/v1/ws";
    public static final String SESSION_PATH = "/v1/ws/sessions/{sessionId}";

    private static final Logger LOG = LoggerFactory.getLogger(WebSocketGateway.class);

    private final GatewayCore core;
    private final GatewaySettings settings;
    private final ServerTime time;
    private final Authenticator authenticator;
    private final MessageHandler handler;
    private final SessionChannels channels;
    private final AddressSlots addresses;
    private final Liveness liveness;
    private final Counter errors;
    /** Bytes waiting in all send queues of this node, capped at a quarter of the heap. */
    private final SendBudget sendBudget;
    /** Open connections by Javalin's per-socket id. */
    private final ConcurrentMap<String, Connection> connections = new ConcurrentHashMap<>();
    /** Set before the connections are closed; a socket that opens during shutdown closes at once. */
    private volatile boolean shuttingDown;

    public WebSocketGateway(UseCases core, AccessTokens tokens, GatewaySettings settings, MeterRegistry registry,
                            Clock clock) {
        this(core.sessions(), core.sync(), core.devices(), core.handoffs(), core.grants(), tokens, settings, registry,
                clock);
    }

    public WebSocketGateway(SessionsUseCase sessions, StateSyncUseCase sync, DevicesUseCase devices,
                            HandoffUseCase handoffs, GrantsUseCase grants, AccessTokens tokens,
                            GatewaySettings settings, MeterRegistry registry, Clock clock) {
        this.core = new GatewayCore(sessions, sync, devices, handoffs, grants);
        this.settings = Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(registry, "registry");
        this.time = new ServerTime(clock);
        this.errors = Counter.builder("websocket_connection_errors_total")
                .description("WebSocket connections that failed or were dropped by the server")
                .register(registry);
        this.channels = new SessionChannels(sessions, sync, time);
        this.sendBudget = SendBudget.ofHeap();
        StateMessages state = new StateMessages(core, time);
        // Tokens that check their grant (adapter-jwt's GrantCheckedTokens), as the app wires them.
        this.authenticator = new Authenticator(core, Objects.requireNonNull(tokens, "tokens"), channels, state,
                AuthAdmission.forThisMachine());
        this.handler = new MessageHandler(core, authenticator, state, time, settings.maxMessageBytes(), registry, errors);
        this.addresses = new AddressSlots(settings.maxConnectionsPerIp());
        this.liveness = new Liveness(connections.values(), core.devices(), time, settings.heartbeatInterval(),
                settings.heartbeatTimeout(), errors);
    }

    @Override
    public void onInitialize(JavalinState state) {
        register(new JavalinConfig(state));
    }

    /** Jetty's read buffer and the initial size of each incoming text message's builder. */
    static final int INPUT_BUFFER_BYTES = 1024;

    /** Adds the three endpoints and the WebSocket limits to a Javalin configuration, and starts the pings. */
    private void register(JavalinConfig cfg) {
        long textLimit = 2L * settings.maxMessageBytes();
        cfg.jetty.modifyWebSocketServletFactory(factory -> {
            // Text up to twice the limit is read and answered with 413; larger text Jetty closes with
            // 1009 before it is held in memory. Binary of any size is drained and answered with 400.
            factory.setMaxTextMessageSize(textLimit);
            factory.setMaxBinaryMessageSize(textLimit);
            // Jetty starts every incoming text message's builder at this size (default 4 KiB, per message):
            // our messages are a few hundred bytes, and a larger one grows its builder as it arrives.
            factory.setInputBufferSize(INPUT_BUFFER_BYTES);
            factory.setIdleTimeout(settings.heartbeatTimeout().plus(settings.heartbeatInterval()));
            // Javalin maps its creator at "/" after this; "/*" matches first and wraps what it creates.
            factory.addMapping("/*", (request, response) ->
                    BinaryDrainingEndpoint.around(factory.getMapping("/").createWebSocket(request, response)));
        });
        for (String path : new String[] {PATH, V1_PATH}) {
            cfg.routes.wsBeforeUpgrade(path, ctx -> {
                Subprotocols.answer(ctx);
                checkAddress(ctx).ifPresent(refusal -> refuse(ctx, refusal));
            });
            cfg.routes.ws(path, ws -> endpoint(ws, false));
        }
        cfg.routes.wsBeforeUpgrade(SESSION_PATH, ctx -> {
            Subprotocols.answer(ctx);
            checkAddress(ctx).or(() -> checkUpgradeToken(ctx)).ifPresent(refusal -> refuse(ctx, refusal));
        });
        cfg.routes.ws(SESSION_PATH, ws -> endpoint(ws, true));
        liveness.start();
    }

    /** Sessions with at least one connection on this node. */
    public int activeSessions() {
        return channels.size();
    }

    /** Open WebSocket connections on this node. */
    public int activeConnections() {
        return connections.size();
    }

    /** Tells every client the server is going away (close 1001) and stops watching sessions. */
    public void shutdown() {
        shuttingDown = true;
        liveness.stop();
        connections.values().forEach(c -> c.closeAfterFlush(Connection.GOING_AWAY, "Server shutting down"));
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (!connections.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        channels.closeAll();
    }

    private void endpoint(WsConfig ws, boolean authenticatedAtUpgrade) {
        ws.onConnect(ctx -> opened(ctx, authenticatedAtUpgrade));
        ws.onMessage(ctx -> {
            Connection connection = connections.get(ctx.sessionId());
            if (connection != null) {
                String text = ctx.message();
                var receivedAt = time.now();
                if (!connection.submitMessage(() -> handler.text(connection, text, receivedAt))) {
                    flooded(connection);
                }
            }
        });
        ws.onBinaryMessage(ctx -> {
            Connection connection = connections.get(ctx.sessionId());
            if (connection != null) {
                var receivedAt = time.now();
                if (!connection.submitMessage(() -> handler.binary(connection, receivedAt))) {
                    flooded(connection);
                }
            }
        });
        ws.onClose(ctx -> closed(ctx, ctx.status(), ctx.reason()));
        ws.onError(ctx -> {
            Connection connection = connections.get(ctx.sessionId());
            errors.increment();
            LOG.debug("Connection {}: socket error: {}", connection == null ? ctx.sessionId() : connection.id,
                    String.valueOf(ctx.error()));
            if (!ctx.session.isOpen()) {
                closed(ctx, 1006, "error");
            }
        });
    }

    private void opened(WsContext ctx, boolean authenticatedAtUpgrade) {
        String address = AddressSlots.addressOf(ctx.session.getRemoteSocketAddress());
        Connection connection = new Connection(UUID.randomUUID().toString(), address, ctx.session, time, errors,
                settings.sendQueueBytes(), sendBudget, settings.wsMessagesPerMinute());
        if (!addresses.tryAcquire(address)) {
            errors.increment();
            LOG.debug("Refusing a connection from {}: {} open already", address, settings.maxConnectionsPerIp());
            connection.markClosed();
            ctx.closeSession(Connection.POLICY_VIOLATION, "Too many connections from this address");
            return;
        }
        connections.put(ctx.sessionId(), connection);
        LOG.debug("Connection {} opened from {}", connection.id, address);
        if (shuttingDown) {
            connection.closeAfterFlush(Connection.GOING_AWAY, "Server shutting down");
            return;
        }
        if (authenticatedAtUpgrade) {
            AuthRequest request = new AuthRequest(upgradeToken(ctx.queryParam("token"),
                    ctx.header(Subprotocols.HEADER)), Optional.empty(),
                    Optional.of(ctx.pathParam("sessionId")), Optional.ofNullable(firstOf(ctx, "deviceId", "device_id")),
                    Optional.empty(), AuthRequest.protocol(longParam(ctx, "protocol")),
                    nonNegative(longParam(ctx, "lastVersion")));
            connection.submit(() -> {
                if (!authenticator.authenticate(connection, Optional.empty(), request)) {
                    connection.closeAfterFlush(Connection.POLICY_VIOLATION, "Authentication failed");
                }
            });
        }
    }

    private void closed(WsContext ctx, int status, String reason) {
        Connection connection = connections.remove(ctx.sessionId());
        if (connection == null || !connection.markClosed()) {
            return;
        }
        addresses.release(connection.address);
        LOG.debug("Connection {} closed: {} {}", connection.id, status, reason);
        connection.submitAlways(() -> authenticator.release(connection));
    }

    private void flooded(Connection connection) {
        errors.increment();
        LOG.warn("Connection {} from {}: too many messages waiting; closing it", connection.id, connection.address);
        connection.closeNow(Connection.POLICY_VIOLATION, "Too many messages in flight");
    }

    /** Why an upgrade is refused: an HTTP status and a message. */
    private record Refusal(int status, String message) {
    }

    /** Answers the upgrade request itself (no exception, so that no application exception handler reshapes it). */
    private static void refuse(Context ctx, Refusal refusal) {
        ctx.status(refusal.status()).contentType("text/plain").result(refusal.message());
        ctx.skipRemainingHandlers();
    }

    private Optional<Refusal> checkAddress(Context ctx) {
        if (addresses.isFull(AddressSlots.normalise(ctx.req().getRemoteAddr()))) {
            errors.increment();
            return Optional.of(new Refusal(429, "Too many WebSocket connections from this address"));
        }
        return Optional.empty();
    }

    /** The token of {@code /v1/ws/sessions/{id}}: the {@code token} query parameter, or else the {@code token.<jwt>} subprotocol. */
    private static Optional<String> upgradeToken(String query, String protocols) {
        return Optional.ofNullable(query).filter(t -> !t.isBlank()).or(() -> Subprotocols.token(protocols));
    }

    private Optional<Refusal> checkUpgradeToken(Context ctx) {
        Optional<String> token = upgradeToken(ctx.queryParam("token"), ctx.header(Subprotocols.HEADER));
        if (token.isEmpty()) {
            return Optional.of(new Refusal(401, "Missing token"));
        }
        try {
            authenticator.checkUpgrade(token.get(), ctx.pathParam("sessionId"));
            return Optional.empty();
        } catch (TokenRejected e) {
            return Optional.of(new Refusal(401, e.getMessage()));
        } catch (SyncError.ValidationFailed e) {
            return Optional.of(new Refusal(401, "Invalid session id"));
        }
    }

    private static String firstOf(WsContext ctx, String... names) {
        for (String name : names) {
            String value = ctx.queryParam(name);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    private static OptionalLong nonNegative(OptionalLong value) {
        return value.isPresent() && value.getAsLong() < 0 ? OptionalLong.empty() : value;
    }

    private static OptionalLong longParam(WsContext ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
