package io.syncbridge.adapter.javalin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;
import io.syncbridge.adapter.javalin.clients.ClientRoutes;
import io.syncbridge.adapter.javalin.console.ConsoleLogin;
import io.syncbridge.adapter.javalin.console.ConsoleRoutes;
import io.syncbridge.adapter.javalin.health.HealthRoutes;
import io.syncbridge.adapter.javalin.rest.RestApi;
import io.syncbridge.adapter.javalin.rest.RestJson;
import io.syncbridge.adapter.javalin.ws.WebSocketGateway;
import io.syncbridge.port.in.UseCases;
import io.syncbridge.port.out.AccessTokens;
import io.syncbridge.port.out.DependencyHealth;
import io.syncbridge.port.out.EdgeMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server in front of the core: Javalin on virtual threads with the REST API and the
 * WebSocket gateway as plugins ({@link RestApi}, {@link WebSocketGateway}), the health routes,
 * metrics, the console and the browser client, behind the edge filters (request ids, CORS, body
 * limit, rate limit, access log) and one error mapping for everything.
 */
public final class GatewayServer {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    /**
     * Connections the kernel may hold accepted but not yet taken by Jetty (capped by
     * net.core.somaxconn). Jetty's default leaves Java's 50: when many devices reconnect at once
     * (a node restarted, a network back), the kernel drops their SYNs and each retries after 1, 3,
     * 7 s... — 20,000 sockets took 36 s to open with a server at half a core.
     */
    static final int ACCEPT_BACKLOG = 4_096;
    /** Platform threads for the selectors, the acceptor and Jetty's non-blocking tasks only. */
    private static final int PLATFORM_THREADS_MIN = 4;
    private static final int PLATFORM_THREADS_MAX = 32;

    private final GatewaySettings settings;
    private final HttpLimits httpLimits;
    private final EdgeMetrics metrics;
    private final Optional<MeterRegistry> meters;
    private final Optional<WebSocketGateway> webSocket;
    private final RestApi rest;
    private final Optional<ConsoleRoutes> console;
    private final Javalin app;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private GatewayServer(Builder b) {
        this.settings = b.settings;
        this.httpLimits = b.httpLimits;
        this.metrics = b.metrics;
        this.meters = b.meters;
        this.webSocket = b.webSocket;
        ObjectMapper mapper = RestJson.mapper();
        UseCases core = b.core;
        this.rest = new RestApi(core, b.tokens, metrics, settings, mapper, b.clock);
        this.console = b.console.map(login -> new ConsoleRoutes(core.monitoring(), core.operatorActions(), login, mapper));
        List<java.util.function.Consumer<JavalinConfig>> groups = List.of(
                new HealthRoutes(b.health, settings.version(), this::openWebSockets, b.clock)::register,
                this::registerMetrics,
                cfg -> cfg.routes.after(ctx -> {
                    if (ctx.statusCode() >= 500) {
                        core.metrics().requestFailed();
                    }
                }),
                cfg -> console.ifPresent(routes -> routes.register(cfg)),
                new ClientRoutes()::register,
                new FrontDoorRoutes(settings.version(), console.isPresent())::register);
        this.app = Javalin.create(cfg -> configure(cfg, mapper, groups));
    }

    public static Builder builder(UseCases core, AccessTokens tokens) {
        return new Builder(core, tokens);
    }

    private void configure(JavalinConfig cfg, ObjectMapper mapper, List<java.util.function.Consumer<JavalinConfig>> groups) {
        cfg.startup.showJavalinBanner = false;
        cfg.startup.showOldJavalinVersionWarning = false;
        cfg.concurrency.useVirtualThreads = true;
        cfg.jetty.threadPool = jettyThreadPool();
        cfg.jetty.host = settings.host();
        cfg.jetty.port = settings.port();
        cfg.http.maxRequestSize = settings.maxMessageBytes();
        cfg.jsonMapper(new JavalinJackson(mapper, true));
        cfg.jetty.modifyHttpConfiguration(http -> http.setSendServerVersion(false));
        cfg.jetty.modifyServletContextHandler(context -> UnkeptHttpSessions.configure(context.getSessionHandler()));
        cfg.jetty.modifyServer(server -> {
            // Jetty 12 lets requests in flight finish on stop only behind a GracefulHandler.
            server.insertHandler(new GracefulHandler());
            server.setStopTimeout(STOP_TIMEOUT.toMillis());
            UnkeptHttpSessions.register(server);
            // Javalin adds its connector after this hook, and the backlog counts only when it opens.
            server.addEventListener(new LifeCycle.Listener() {
                @Override
                public void lifeCycleStarting(LifeCycle event) {
                    httpConnectors(server).forEach(http -> http.setAcceptQueueSize(ACCEPT_BACKLOG));
                }
            });
        });
        groups.forEach(group -> group.accept(cfg));
        cfg.registerPlugin(rest);
        // The WebSocket gateway registers its own routes (/ws, /v1/ws, /v1/ws/sessions/{id}).
        webSocket.ifPresent(cfg::registerPlugin);
    }

    /**
     * Jetty's selectors and acceptor on platform threads, requests and WebSocket callbacks on
     * virtual ones. Javalin's own virtual-thread pool runs the selector loop on a virtual thread
     * too, so every select parks through the JDK's poller (an epoll registration and a wake-up
     * by the poller thread each time): about 9 % of the server's CPU under fan-out load.
     */
    private static ThreadPool jettyThreadPool() {
        QueuedThreadPool pool = new QueuedThreadPool(PLATFORM_THREADS_MAX, PLATFORM_THREADS_MIN);
        pool.setName("jetty");
        pool.setVirtualThreadsExecutor(VirtualThreads.getNamedVirtualThreadsExecutor("jetty-virtual"));
        return pool;
    }

    private void registerMetrics(JavalinConfig cfg) {
        cfg.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(metrics.scrape()));
    }

    /** Starts listening; with port 0 the system picks a free port ({@link #port()} tells which). */
    public GatewayServer start() {
        app.start();
        Server server = app.jettyServer().server();
        for (ServerConnector http : httpConnectors(server)) {
            http.setIdleTimeout(httpLimits.idleTimeout().toMillis());
            new ConnectionGuard(httpLimits, http.getScheduler()).install(http);
        }
        bindJettyMetrics(server);
        LOG.info("gateway listening on {}:{}", settings.host(), port());
        return this;
    }

    private void bindJettyMetrics(Server server) {
        if (meters.isEmpty()) {
            return;
        }
        try {
            new JettyServerThreadPoolMetrics(server.getThreadPool(), List.of()).bindTo(meters.get());
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("Jetty thread pool metrics unavailable: {}", e.toString());
        }
    }

    private long openWebSockets() {
        return webSocket.map(WebSocketGateway::activeConnections).orElse(0);
    }

    /** The port the server listens on. */
    public int port() {
        return app.port();
    }

    /** The backlog the listening socket was opened with (for tests: Jetty's default is not kept). */
    int listenBacklog() {
        return httpConnectors(app.jettyServer().server()).stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("no server connector")).getAcceptQueueSize();
    }

    private static List<ServerConnector> httpConnectors(Server server) {
        return Arrays.stream(server.getConnectors()).filter(ServerConnector.class::isInstance)
                .map(ServerConnector.class::cast).toList();
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
            webSocket.ifPresent(WebSocketGateway::shutdown);
        } catch (RuntimeException e) {
            LOG.warn("closing WebSocket connections failed: {}", e.toString());
        }
        rest.close();
        console.ifPresent(ConsoleRoutes::close);
        app.stop();
        LOG.info("gateway stopped");
    }

    /** What the server is built from; everything but the core and the tokens has a default. */
    public static final class Builder {
        private final UseCases core;
        private final AccessTokens tokens;
        private GatewaySettings settings = GatewaySettings.DEFAULT;
        private HttpLimits httpLimits = HttpLimits.DEFAULT;
        private EdgeMetrics metrics = EdgeMetrics.NONE;
        private Optional<MeterRegistry> meters = Optional.empty();
        private DependencyHealth health = DependencyHealth.NONE;
        private Optional<WebSocketGateway> webSocket = Optional.empty();
        private Clock clock = Clock.systemUTC();
        private Optional<ConsoleLogin> console = Optional.empty();

        private Builder(UseCases core, AccessTokens tokens) {
            this.core = Objects.requireNonNull(core, "core");
            // Give tokens that check their grant (adapter-jwt's GrantCheckedTokens): a revoked grant is refused.
            this.tokens = Objects.requireNonNull(tokens, "tokens");
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

        /** Where requests are counted and what {@code /metrics} serves; nothing unless given. */
        public Builder metrics(EdgeMetrics value) {
            this.metrics = Objects.requireNonNull(value, "metrics");
            return this;
        }

        /** The registry Jetty's thread pool is measured on; not measured unless given. */
        public Builder meterRegistry(MeterRegistry value) {
            this.meters = Optional.of(Objects.requireNonNull(value, "meterRegistry"));
            return this;
        }

        /** What the health routes report; healthy with no dependencies unless given. */
        public Builder health(DependencyHealth value) {
            this.health = Objects.requireNonNull(value, "health");
            return this;
        }

        /** The WebSocket surface; REST only unless given. */
        public Builder webSocket(WebSocketGateway value) {
            this.webSocket = Optional.of(Objects.requireNonNull(value, "webSocket"));
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
            return new GatewayServer(this);
        }
    }
}
