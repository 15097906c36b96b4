package io.syncbridge.adapter.javalin.health;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.syncbridge.adapter.javalin.rest.Views;
import io.syncbridge.port.out.DependencyHealth;
import io.syncbridge.port.out.HealthReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * {@code /health}, {@code /health/live} and {@code /health/ready}, also under {@code /v1}. All three
 * answer the same report; live is always 200 (the process runs) and adds {@code alive: true}, ready
 * is 503 while a critical dependency is down and adds {@code ready}, and /health is 503 only then
 * too (degraded is still 200). Each of the v1 services is {@code connected}, {@code disconnected} or
 * {@code unknown} (not checked here); the details are under {@code dependencies}.
 */
public final class HealthRoutes {

    /** The three services of the v1 health body, always present. */
    static final List<String> V1_SERVICES = List.of("cache", "database", "messageQueue");

    /** The v1 health body, plus each dependency's detail; {@code ready} and {@code alive} only on their probes. */
    public record HealthBody(String status, boolean healthy, String timestamp, String version, long uptime,
                             Map<String, String> services, Map<String, HealthReport.Result> dependencies,
                             @JsonProperty("active_connections") long activeConnections, Boolean ready,
                             Boolean alive) {
    }

    private final DependencyHealth monitor;
    private final String version;
    private final Instant startedAt;
    private final LongSupplier activeConnections;
    private final Clock clock;

    public HealthRoutes(DependencyHealth monitor, String version, LongSupplier activeConnections, Clock clock) {
        this.monitor = Objects.requireNonNull(monitor, "monitor");
        this.version = Objects.requireNonNull(version, "version");
        this.activeConnections = Objects.requireNonNull(activeConnections, "activeConnections");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.startedAt = clock.instant();
    }

    public void register(JavalinConfig cfg) {
        for (String prefix : new String[] {"", "/v1"}) {
            cfg.routes.get(prefix + "/health", ctx -> answer(ctx, Probe.OVERALL));
            cfg.routes.get(prefix + "/health/live", ctx -> answer(ctx, Probe.LIVE));
            cfg.routes.get(prefix + "/health/ready", ctx -> answer(ctx, Probe.READY));
        }
    }

    private enum Probe { OVERALL, LIVE, READY }

    private void answer(Context ctx, Probe probe) {
        HealthReport report = monitor.report();
        boolean serving = report.ready();
        int status = probe == Probe.LIVE || serving ? 200 : 503;
        ctx.header("Cache-Control", "no-store");
        ctx.status(status).json(body(report, probe));
    }

    HealthBody body(HealthReport report, Probe probe) {
        Map<String, String> services = new LinkedHashMap<>();
        V1_SERVICES.forEach(name -> services.put(name, "unknown"));
        Map<String, HealthReport.Result> dependencies = new LinkedHashMap<>();
        for (HealthReport.Result result : report.results()) {
            services.put(result.name(), result.up() ? "connected" : "disconnected");
            dependencies.put(result.name(), result);
        }
        Instant now = clock.instant();
        return new HealthBody(report.status().wireName(), report.ready(),
                Views.time(now), version, Duration.between(startedAt, now).toSeconds(), services, dependencies,
                activeConnections.getAsLong(), probe == Probe.READY ? report.ready() : null,
                probe == Probe.LIVE ? Boolean.TRUE : null);
    }
}
