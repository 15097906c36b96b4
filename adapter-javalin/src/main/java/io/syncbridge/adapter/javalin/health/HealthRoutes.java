package io.syncbridge.adapter.javalin.health;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * {@code /health}, {@code /health/live} and {@code /health/ready}, also under {@code /v1}. All three
 * answer the same report; live is always 200 (the process runs), ready is 503 while a critical
 * dependency is down, and /health is 503 only then too (degraded is still 200).
 */
public final class HealthRoutes {

    /** The v1 health body, plus each dependency's detail. */
    public record HealthBody(String status, boolean healthy, String timestamp, String version, long uptime,
                             Map<String, String> services, Map<String, HealthReport.Result> dependencies,
                             @JsonProperty("active_connections") long activeConnections) {
    }

    private final HealthMonitor monitor;
    private final String version;
    private final Instant startedAt;
    private final LongSupplier activeConnections;
    private final Clock clock;

    public HealthRoutes(HealthMonitor monitor, String version, LongSupplier activeConnections, Clock clock) {
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
        ctx.status(status).json(body(report));
    }

    HealthBody body(HealthReport report) {
        Map<String, String> services = new LinkedHashMap<>();
        Map<String, HealthReport.Result> dependencies = new LinkedHashMap<>();
        for (HealthReport.Result result : report.results()) {
            services.put(result.name(), result.up() ? "healthy" : "unhealthy");
            dependencies.put(result.name(), result);
        }
        Instant now = clock.instant();
        return new HealthBody(report.status().wireName(), report.ready(),
                now.toString(), version, Duration.between(startedAt, now).toSeconds(), services, dependencies,
                activeConnections.getAsLong());
    }
}
