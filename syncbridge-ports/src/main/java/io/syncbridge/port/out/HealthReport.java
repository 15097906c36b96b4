package io.syncbridge.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** The outcome of probing every dependency once. */
public record HealthReport(Status status, Instant checkedAt, List<Result> results) {

    public enum Status {
        /** Every dependency answers. */
        HEALTHY,
        /** A non-critical dependency is down: the server works, with less (e.g. events wait in the outbox). */
        DEGRADED,
        /** A critical dependency is down: the server cannot serve. */
        UNHEALTHY;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One dependency's answer; {@code error} is null when it is up. */
    public record Result(String name, String backend, boolean critical, boolean up, long latencyMillis,
                         String error) {
    }

    public HealthReport {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(checkedAt, "checkedAt");
        results = List.copyOf(results);
    }

    public static Status statusOf(List<Result> results) {
        if (results.stream().anyMatch(r -> !r.up() && r.critical())) {
            return Status.UNHEALTHY;
        }
        return results.stream().anyMatch(r -> !r.up()) ? Status.DEGRADED : Status.HEALTHY;
    }

    /** Ready to take traffic: no critical dependency is down. */
    public boolean ready() {
        return status != Status.UNHEALTHY;
    }
}
