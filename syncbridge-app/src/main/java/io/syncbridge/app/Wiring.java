package io.syncbridge.app;

import io.syncbridge.adapter.javalin.GatewayServer;
import io.syncbridge.adapter.javalin.GatewaySettings;
import io.syncbridge.adapter.javalin.HttpLimits;
import io.syncbridge.adapter.javalin.console.ConsoleLogin;
import io.syncbridge.adapter.javalin.ws.WebSocketGateway;
import io.syncbridge.adapter.jwt.GrantCheckedTokens;
import io.syncbridge.adapter.micrometer.HealthMonitor;
import io.syncbridge.adapter.micrometer.ServerMetrics;
import io.syncbridge.application.LoginLimits;
import io.syncbridge.application.Quotas;
import io.syncbridge.application.SyncBridge;
import io.syncbridge.application.SyncBridgeBuilder;
import io.syncbridge.domain.session.SessionPolicy;
import io.syncbridge.port.out.AccessTokens;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that chooses implementations and plugs adapters into each other: in-memory
 * adapters unless the configuration names Redis, PostgreSQL or RabbitMQ; the access tokens
 * (adapter-jwt); metrics and health (adapter-micrometer); the gateway with its WebSocket surface
 * (adapter-javalin); the background work. Builds and starts the server, then says what it runs on.
 */
public final class Wiring {

    private static final Logger LOG = LoggerFactory.getLogger(Wiring.class);
    private static final Duration EXPIRY_SWEEP_INTERVAL = Duration.ofSeconds(30);
    /** A dependency that has not answered in this long is down. */
    private static final Duration HEALTH_PROBE_TIMEOUT = Duration.ofSeconds(2);
    /** Load balancers probe often; one report a second is enough for all of them. */
    private static final Duration HEALTH_REPORT_CACHE = Duration.ofSeconds(1);

    private Wiring() {
    }

    /** Builds everything the configuration describes and starts listening. */
    public static Application start(Config config, String version) {
        ServerMetrics metrics = new ServerMetrics();
        SessionPolicy policy = SessionPolicy.DEFAULT.withSessionTtl(config.sessionTtl())
                .withSnapshotTtl(config.snapshotTtl()).withMaxDevices(config.maxDevices());
        Config.Limits limits = config.limits();
        SyncBridgeBuilder builder = SyncBridge.builder().policy(policy).metrics(metrics.observer())
                .quotas(new Quotas(limits.sessionsPerUser(), limits.snapshotsPerSession(), limits.storedBytesPerUser()))
                .loginLimits(new LoginLimits(limits.passwordHashThreads(), limits.passwordHashQueue(),
                        LoginLimits.DEFAULT.failuresBeforeDelay(), LoginLimits.DEFAULT.maxDelay()));
        Backends backends = new Backends(config, metrics);
        backends.attach(builder, policy);
        List<AutoCloseable> resources = backends.resources;

        SyncBridge core = builder.build();
        AccessTokenSetup.Tokens tokens = AccessTokenSetup.create(config.jwt(), Clock.systemUTC());
        GatewaySettings settings = settings(config, version);

        // One grant check (and one cache of its answers) for REST and the WebSocket.
        AccessTokens checked = GrantCheckedTokens.checking(tokens.tokens(), core.grants());
        WebSocketGateway ws = new WebSocketGateway(core, checked, settings, metrics.registry(), Clock.systemUTC());

        HealthMonitor health = new HealthMonitor(backends.checks, HEALTH_PROBE_TIMEOUT, HEALTH_REPORT_CACHE,
                Clock.systemUTC());
        resources.add(health);
        metrics.bindDependencies(health);
        metrics.bindServerGauges(core, ws::activeSessions, ws::activeConnections);

        GatewayServer.Builder gatewayBuilder = GatewayServer.builder(core, checked).settings(settings)
                .metrics(metrics).meterRegistry(metrics.registry()).health(health).webSocket(ws)
                .httpLimits(new HttpLimits(limits.httpHeaderTimeout(), limits.httpIdleTimeout(),
                        limits.httpMaxConnectionsPerIp()));
        config.console().ifPresent(login -> gatewayBuilder.console(new ConsoleLogin(login.user(), login.password().value())));
        GatewayServer gateway = gatewayBuilder.build();
        gateway.start();
        resources.add(new ExpirySweeper(core.expiry(), EXPIRY_SWEEP_INTERVAL));
        Application application = new Application(core, tokens.tokens(), gateway, metrics, resources);
        banner(config, version, application.port(), backends.description, tokens);
        return application;
    }

    static GatewaySettings settings(Config config, String version) {
        return GatewaySettings.builder().host(config.host()).port(config.port())
                .maxMessageBytes(config.maxMessageBytes()).wsMessagesPerMinute((int) config.wsRateLimit().perMinute())
                .maxConnectionsPerIp(config.wsMaxConnectionsPerIp()).heartbeatInterval(config.heartbeatInterval())
                .heartbeatTimeout(config.heartbeatTimeout()).corsOrigins(config.corsOrigins())
                .restRequestsPerMinute((int) config.restRateLimit().perMinute()).version(version).build();
    }

    private static void banner(Config config, String version, int port, List<String> backends,
                               AccessTokenSetup.Tokens tokens) {
        LOG.info("SyncBridge {} listening on {}:{}", version, config.host(), port);
        LOG.info("adapters: {}; tokens: {}; max {} devices per session, sessions live {}, snapshots {}; console {}",
                String.join(", ", backends), tokens.description(), config.maxDevices(),
                EnvValues.describe(config.sessionTtl()), EnvValues.describe(config.snapshotTtl()),
                config.console().map(login -> "on /console for " + login.user()).orElse("off"));
        if (backends.stream().allMatch(b -> b.endsWith("=memory"))) {
            LOG.warn("RUNNING IN MEMORY: every session, account and token is lost on restart, and nodes cannot "
                    + "share sessions. Set REDIS_ADDR, DATABASE_URL and RABBITMQ_URL for production.");
        }
        if (tokens.generatedSecret()) {
            LOG.warn("JWT_SECRET IS NOT SET: tokens are signed with a secret generated for this run; they stop "
                    + "working on restart and other nodes reject them. Set JWT_SECRET (32+ bytes) or key files.");
        }
        if (tokens.shortSecret()) {
            LOG.warn("JWT_SECRET is shorter than 32 bytes (allowed by JWT_ALLOW_SHORT_SECRET for v1 compatibility); "
                    + "rotate to a longer secret");
        }
    }
}
