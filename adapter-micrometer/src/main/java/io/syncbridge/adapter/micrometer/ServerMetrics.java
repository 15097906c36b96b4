package io.syncbridge.adapter.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.syncbridge.port.in.UseCases;
import io.syncbridge.port.out.EdgeMetrics;
import io.syncbridge.port.out.MetricsObserver;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * The server's Prometheus registry: JVM, GC, thread and process metrics, the HTTP request metrics
 * ({@code http_requests_total}, {@code http_request_duration_seconds}), the active-session gauge,
 * and the meters of {@link MicrometerMetricsObserver}. Meter names are chosen so that the scraped
 * names are exactly the ones the operations runbooks and dashboards use.
 */
public final class ServerMetrics implements EdgeMetrics, AutoCloseable {

    /** Request-duration buckets: 5 ms to 10 s, where HTTP latencies worth telling apart lie. */
    private static final Duration[] HTTP_BUCKETS = {
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2_500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    /** The retention figure moves slowly and costs a catalogue query: once a minute is plenty. */
    private static final Duration RETENTION_INTERVAL = Duration.ofMinutes(1);
    /** Several samples per 5-second step of the console's timeline, so that every step has one. */
    private static final Duration TIMELINE_SAMPLE_INTERVAL = Duration.ofSeconds(1);
    /** Counting unexpired sessions may cost a store query on each scrape. */
    private static final Duration UNEXPIRED_CACHE = Duration.ofSeconds(5);

    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gcMetrics;
    private final MicrometerMetricsObserver observer;
    private final ExactNameGauges gauges = new ExactNameGauges();
    private final PeriodicRefresh refresh = new PeriodicRefresh();

    public ServerMetrics() {
        this(Clock.systemUTC());
    }

    /** With the clock the sliding-window gauges read (tests move it). */
    public ServerMetrics(Clock clock) {
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        this.gcMetrics = new JvmGcMetrics();
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new JvmInfoMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        this.observer = new MicrometerMetricsObserver(registry, clock);
    }

    /** The registry, for other parts of the gateway (the WebSocket gateway, Jetty, connection pools) to add to. */
    public MeterRegistry registry() {
        return registry;
    }

    /** What the core reports its timings and counts to. */
    public MetricsObserver observer() {
        return observer;
    }

    /** The Prometheus text exposition (format 0.0.4). */
    @Override
    public String scrape() {
        StringBuilder text = new StringBuilder(registry.scrape());
        gauges.appendTo(text);
        return text.toString();
    }

    /** One HTTP request; {@code route} is the route template (never a raw path with ids). */
    @Override
    public void recordHttpRequest(String method, String route, int status, long durationNanos) {
        Tags tags = Tags.of("method", method, "route", route, "status", Integer.toString(status));
        Counter.builder("http.requests").description("HTTP requests served").tags(tags).register(registry).increment();
        Timer.builder("http.request.duration").description("HTTP request duration").tags(tags)
                .serviceLevelObjectives(HTTP_BUCKETS).register(registry)
                .record(Duration.ofNanos(durationNanos));
    }

    /**
     * The server-wide gauges of the runbooks: {@code sessions_active_total} and
     * {@code websocket_connections_total} of this node's WebSocket surface, and from the core
     * {@code syncbridge_sessions_unexpired} and {@code user_session_retention_rate}; and the open
     * connections sampled into the core's activity timeline.
     */
    public void bindServerGauges(UseCases core, LongSupplier sessionsWithConnections, LongSupplier openConnections) {
        bindActiveSessions(sessionsWithConnections);
        bindUnexpiredSessions(() -> core.sessions().countActive(), UNEXPIRED_CACHE);
        periodicGauge("user_session_retention_rate", "Share of the sessions created 5 min to 24 h ago "
                + "that were used more than 5 min after creation (NaN when none)", RETENTION_INTERVAL,
                () -> core.monitoring().retention().rate());
        bindWebSocketConnections(openConnections);
        // The core's activity timeline (the console's charts) samples what only the gateway counts.
        refreshEvery("timeline connections", TIMELINE_SAMPLE_INTERVAL,
                () -> core.metrics().connectionsOpen(openConnections.getAsLong()));
    }

    /** Exposes {@code syncbridge_dependency_up} for every dependency {@code health} checks. */
    public void bindDependencies(HealthMonitor health) {
        health.names().forEach(name -> bindDependency(name, () -> health.isUp(name)));
    }

    /**
     * Exposes {@code sessions_active_total}: the sessions that have at least one WebSocket
     * connection on this node, so that the capacity alerts' thresholds apply per instance.
     */
    public void bindActiveSessions(LongSupplier sessionsWithConnections) {
        gauges.register("sessions_active_total", "Sessions with at least one WebSocket connection on this node",
                () -> (double) sessionsWithConnections.getAsLong());
    }

    /**
     * Exposes {@code syncbridge_sessions_unexpired}: sessions not expired, as the core counts them
     * (the same on every node). The count may cost a store query, so it is cached for {@code cacheFor}.
     */
    public void bindUnexpiredSessions(LongSupplier countUnexpired, Duration cacheFor) {
        CachedCount cached = new CachedCount(countUnexpired, cacheFor);
        gauges.register("syncbridge_sessions_unexpired", "Sessions that have not expired, on every node",
                cached::value);
    }

    /**
     * A gauge exported under exactly {@code name} whose value is taken every {@code interval} in
     * the background (first at once) rather than on each scrape; NaN until the first value.
     */
    public void periodicGauge(String name, String help, Duration interval, DoubleSupplier source) {
        Objects.requireNonNull(source, "source");
        AtomicReference<Double> last = new AtomicReference<>(Double.NaN);
        gauges.register(name, help, last::get);
        refresh.every(name, interval, () -> last.set(source.getAsDouble()));
    }

    /** Runs {@code task} now and every {@code interval} on the metrics' background thread (for gauges it feeds). */
    public void refreshEvery(String what, Duration interval, Runnable task) {
        refresh.every(what, interval, task);
    }

    /** Exposes {@code websocket_connections_total}: the WebSocket connections open on this node. */
    public void bindWebSocketConnections(LongSupplier openConnections) {
        gauges.register("websocket_connections_total", "WebSocket connections open on this node",
                () -> (double) openConnections.getAsLong());
    }

    /** Exposes {@code syncbridge_dependency_up{dependency=...}}: 1 while the dependency answers its checks. */
    public void bindDependency(String dependency, BooleanSupplier up) {
        // A strong reference: Micrometer holds gauge objects weakly, and nothing else holds this
        // lambda, so after a GC the gauge would read NaN and the dependency alerts could never fire.
        Gauge.builder("syncbridge.dependency.up", up, u -> u.getAsBoolean() ? 1 : 0).tag("dependency", dependency)
                .strongReference(true)
                .description("1 while the dependency answered its last health check").register(registry);
    }

    /**
     * A gauge exported under exactly {@code name}. The Prometheus client drops a {@code _total}
     * suffix from gauge names, but the runbooks' gauges carry one, so these are written beside the
     * registry's output rather than through it.
     */
    public void exactGauge(String name, String help, DoubleSupplier value) {
        gauges.register(name, help, value);
    }

    @Override
    public void close() {
        refresh.close();
        gcMetrics.close();
        registry.close();
    }
}
