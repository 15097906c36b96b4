package io.syncbridge.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Client-side timers of the stores ({@code redis_command_duration_seconds},
 * {@code postgresql_query_duration_seconds}), fed by the adapters' metrics-free observer hooks.
 */
final class StoreMetrics {

    /** 1 ms to 1 s: the range where a store call is either fine or the cause of an alert. */
    private static final Duration[] BUCKETS = {
            Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1)};

    private final MeterRegistry registry;
    private final String name;
    private final String description;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    StoreMetrics(MeterRegistry registry, String name, String description) {
        this.registry = registry;
        this.name = name;
        this.description = description;
    }

    /** Records one call; operation names are fixed strings from the adapters, so the label set is bounded. */
    void record(String operation, Duration took, boolean succeeded) {
        String outcome = succeeded ? "success" : "failure";
        timers.computeIfAbsent(operation + '|' + outcome, key -> Timer.builder(name).description(description)
                        .tag("operation", operation).tag("outcome", outcome)
                        .serviceLevelObjectives(BUCKETS).register(registry))
                .record(took);
    }
}
