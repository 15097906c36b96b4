package io.syncbridge.adapter.javalin;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;
import io.syncbridge.adapter.javalin.auth.AccessTokens;
import io.syncbridge.adapter.javalin.auth.GrantCheckedTokens;
import io.syncbridge.adapter.javalin.clients.ClientRoutes;
import io.syncbridge.adapter.javalin.console.ConsoleLogin;
import io.syncbridge.adapter.javalin.console.ConsoleRoutes;
import io.syncbridge.adapter.javalin.health.DependencyCheck;
import io.syncbridge.adapter.javalin.health.HealthMonitor;
import io.syncbridge.adapter.javalin.health.HealthRoutes;
import io.syncbridge.adapter.javalin.metrics.GatewayMetrics;
import io.syncbridge.adapter.javalin.rest.ApiException;
import io.syncbridge.adapter.javalin.rest.AuthRoutes;
import io.syncbridge.adapter.javalin.rest.BearerAuth;
import io.syncbridge.adapter.javalin.rest.CorsPolicy;
import io.syncbridge.adapter.javalin.rest.DeviceRoutes;
import io.syncbridge.adapter.javalin.rest.EdgeFilters;
import io.syncbridge.adapter.javalin.rest.ErrorResponses;
import io.syncbridge.adapter.javalin.rest.EventStreamRoutes;
import io.syncbridge.adapter.javalin.rest.OpenApiRoutes;
import io.syncbridge.adapter.javalin.rest.RestJson;
import io.syncbridge.adapter.javalin.rest.SessionRoutes;
import io.syncbridge.adapter.javalin.rest.SnapshotRoutes;
import io.syncbridge.adapter.javalin.rest.StateRoutes;
import io.syncbridge.domain.error.SyncError;
import io.syncbridge.port.in.UseCases;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server in front of the core: Javalin on virtual threads with the REST routes, health,
 * metrics and (through {@link WebSocketEndpoint}) the WebSocket gateway, behind the edge filters
 * (request ids, CORS, body limit, rate limit, access log) and one error mapping for everything.
 */
public final class GatewayServer {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    /** The retention figure moves slowly and costs a catalogue query: once a minute is plenty. */
    private static final Duration RETENTION_INTERVAL = Duration.ofMinutes(1);
    /** Several samples per 5-second step of the timeline, so that every step has one. */
    private static final Duration TIMELINE_SAMPLE_INTERVAL = Duration.ofSeconds(1);

    private final GatewaySettings settings;
    private final HttpLimits httpLimits;
    private final GatewayMetrics metrics;
    private final WebSocketEndpoint webSocket;
    private final HealthMonitor health;
    private final EventStreamRoutes eventStreams;
    private final Optional<ConsoleRoutes> console;
    private final Javalin app;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private GatewayServer(Builder b) {
        this.settings = b.settings;
        this.httpLimits = b.httpLimits;
        this.metrics = b.metrics;
        this.webSocket = b.webSocket;
        ObjectMapper mapper = RestJson.mapper();
        BearerAuth auth = new BearerAuth(b.tokens);
        UseCases core = b.core;
        this.health = new HealthMonitor(b.checks, Duration.ofSeconds(2), Duration.ofSeconds(1), b.clock);
        this.eventStreams = new EventStreamRoutes(core.sync(), auth, mapper, Duration.ofSeconds(15),
                settings.sendQueueCapacity());
        metrics.bindActiveSessions(webSocket.activeSessions());
        metrics.bindUnexpiredSessions(() -> core.sessions().countActive(), Duration.ofSeconds(5));
        metrics.periodicGauge("user_session_retention_rate", "Share of the sessions created 5 min to 24 h ago "
                + "that were used more than 5 min after creation (NaN when none)", RETENTION_INTERVAL,
                () -> core.monitoring().retention().rate());
        metrics.bindWebSocketConnections(webSocket.activeConnections());
        this.console = b.console.map(login -> new ConsoleRoutes(core.monitoring(), core.operatorActions(), login, mapper));
        // The core's activity timeline (the console's charts) samples what only the gateway counts.
        metrics.refreshEvery("timeline connections", TIMELINE_SAMPLE_INTERVAL,
                () -> core.metrics().connectionsOpen(webSocket.activeConnections().getAsLong()));
        health.names().forEach(name -> metrics.bindDependency(name, () -> health.isUp(name)));
        EdgeFilters edge = new EdgeFilters(new CorsPolicy(settings.corsOrigins()), auth, core.rateLimiter(),
                settings.restRequestsPerMinute(), settings.maxMessageBytes(), metrics);
        List<java.util.function.Consumer<JavalinConfig>> groups = List.of(
                edge::register,
                new AuthRoutes(core.accounts(), b.tokens, mapper, b.clock)::register,
                new SessionRoutes(core.sessions(), core.grants(), b.tokens, auth, mapper, b.clock)::register,
                new StateRoutes(core.sessions(), core.sync(), core.metrics(), auth, mapper, b.clock)::register,
                eventStreams::register,
                new SnapshotRoutes(core.snapshots(), core.sessions(), auth, mapper)::register,
                new DeviceRoutes(core.devices(), core.handoffs(), core.grants(), b.tokens, auth, mapper, b.clock)::register,
                new HealthRoutes(health, settings.version(), webSocket.activeConnections(), b.clock)::register,
                new OpenApiRoutes()::register,
                this::registerMetrics,
                cfg -> cfg.routes.after(ctx -> {
                    if (ctx.statusCode() >= 500) {
                        core.metrics().requestFailed();
                    }
                }),
                cfg -> console.ifPresent(routes -> routes.register(cfg)),
                new ClientRoutes()::register,
                new FrontDoorRoutes(settings.version(), console.isPresent())::register,
                // The WebSocket gateway registers its own routes (/ws, /v1/ws, /v1/ws/sessions/{id}) here.
                webSocket.register());
        this.app = Javalin.create(cfg -> configure(cfg, mapper, groups));
    }

    public static Builder builder(UseCases core, AccessTokens tokens) {
        return new Builder(core, tokens);
    }

    private void configure(JavalinConfig cfg, ObjectMapper mapper, List<java.util.function.Consumer<JavalinConfig>> groups) {
        cfg.startup.showJavalinBanner = false;
        cfg.startup.showOldJavalinVersionWarning = false;
        cfg.concurrency.useVirtualThreads = true;
        cfg.jetty.host = settings.host();
        cfg.jetty.port = settings.port();
        cfg.http.maxRequestSize = settings.maxMessageBytes();
        cfg.jsonMapper(new JavalinJackson(mapper, true));
        cfg.jetty.modifyHttpConfiguration(http -> http.setSendServerVersion(false));
        cfg.jetty.modifyServer(server -> {
            // Jetty 12 lets requests in flight finish on stop only behind a GracefulHandler.
            server.insertHandler(new GracefulHandler());
            server.setStopTimeout(STOP_TIMEOUT.toMillis());
        });
        cfg.routes.exception(SyncError.class, ErrorResponses::domain);
        cfg.routes.exception(ApiException.class, ErrorResponses::api);
        cfg.routes.exception(HttpResponseException.class, ErrorResponses::http);
        cfg.routes.exception(JacksonException.class, ErrorResponses::invalidJson);
        cfg.routes.exception(Exception.class, ErrorResponses::unexpected);
        groups.forEach(group -> group.accept(cfg));
    }

    private void registerMetrics(JavalinConfig cfg) {
        cfg.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(metrics.scrape()));
    }

    /** Starts listening; with port 0 the system picks a free port ({@link #port()} tells which). */
    public GatewayServer start() {
        app.start();
        Server server = app.jettyServer().server();
        for (Connector connector : server.getConnectors()) {
            if (connector instanceof ServerConnector http) {
                http.setIdleTimeout(httpLimits.idleTimeout().toMillis());
                new ConnectionGuard(httpLimits, http.getScheduler()).install(http);
            }
        }
        bindJettyMetrics(server);
        LOG.info("gateway listening on {}:{}", settings.host(), port());
        return this;
    }

    private void bindJettyMetrics(Server server) {
        try {
            new JettyServerThreadPoolMetrics(server.getThreadPool(), List.of()).bindTo(metrics.registry());
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("Jetty thread pool metrics unavailable: {}", e.toString());
        }
    }

    /** The port the server listens on. */
    public int port() {
        return app.port();
    }

    public GatewayMetrics metrics() {
        return metrics;
    }

    /**
     * Graceful stop: stop accepting connections, close WebSockets (1001, going away) and event
     * streams, let requests in flight finish (up to 10 s), then release everything. Idempotent.
     */
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        LOG.info("gateway stopping");
        Server server = app.jettyServer().server();
        for (Connector connector : server.getConnectors()) {
            if (connector instanceof NetworkConnector network) {
                network.close();
            }
        }
        try {
            webSocket.shutdown().run();
        } catch (RuntimeException e) {
            LOG.warn("closing WebSocket connections failed: {}", e.toString());
        }
        eventStreams.closeAll();
        console.ifPresent(ConsoleRoutes::close);
        app.stop();
        health.close();
        LOG.info("gateway stopped");
    }

    /** What the server is built from; everything but the core and the tokens has a default. */
    public static final class Builder {
        private final UseCases core;
        private final AccessTokens tokens;
        private GatewaySettings settings = GatewaySettings.DEFAULT;
        private HttpLimits httpLimits = HttpLimits.DEFAULT;
        private GatewayMetrics metrics;
        private List<DependencyCheck> checks = List.of();
        private WebSocketEndpoint webSocket = WebSocketEndpoint.NONE;
        private Clock clock = Clock.systemUTC();
        private Optional<ConsoleLogin> console = Optional.empty();

        private Builder(UseCases core, AccessTokens tokens) {
            this.core = Objects.requireNonNull(core, "core");
            // Every token is checked against its grant, whoever wired the server.
            this.tokens = GrantCheckedTokens.checking(Objects.requireNonNull(tokens, "tokens"), core.grants());
        }

        public Builder settings(GatewaySettings value) {
            this.settings = Objects.requireNonNull(value, "settings");
            return this;
        }

        /** The HTTP edge's time-outs and per-address connection cap; {@link HttpLimits#DEFAULT} unless given. */
        public Builder httpLimits(HttpLimits value) {
            this.httpLimits = Objects.requireNonNull(value, "httpLimits");
            return this;
        }

        /** The metrics registry; give the one whose observer the core reports to. */
        public Builder metrics(GatewayMetrics value) {
            this.metrics = Objects.requireNonNull(value, "metrics");
            return this;
        }

        public Builder dependencyChecks(List<DependencyCheck> value) {
            this.checks = List.copyOf(value);
            return this;
        }

        public Builder webSocket(WebSocketEndpoint value) {
            this.webSocket = Objects.requireNonNull(value, "webSocket");
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** Turns the operator's console ({@code /console}) on, behind this credential; off by default. */
        public Builder console(ConsoleLogin value) {
            this.console = Optional.of(Objects.requireNonNull(value, "console"));
            return this;
        }

        public GatewayServer build() {
            if (metrics == null) {
                metrics = new GatewayMetrics();
            }
            return new GatewayServer(this);
        }
    }
}
