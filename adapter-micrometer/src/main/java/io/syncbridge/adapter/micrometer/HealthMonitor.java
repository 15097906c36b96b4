package io.syncbridge.adapter.micrometer;

import io.syncbridge.port.out.DependencyCheck;
import io.syncbridge.port.out.DependencyHealth;
import io.syncbridge.port.out.HealthReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dependency checks every backend registers, probed in parallel, each within a time limit; the
 * report is kept for a moment so that frequent probes (load balancers, Kubernetes) do not hammer
 * the backing services. {@link ServerMetrics#bindDependencies} exports each one as a gauge.
 */
public final class HealthMonitor implements DependencyHealth, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HealthMonitor.class);

    private final List<DependencyCheck> checks;
    private final Duration timeout;
    private final Duration cacheFor;
    private final Clock clock;
    private final ExecutorService probes = Executors.newVirtualThreadPerTaskExecutor();
    private HealthReport last;

    public HealthMonitor(List<DependencyCheck> checks, Duration timeout, Duration cacheFor, Clock clock) {
        this.checks = List.copyOf(checks);
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.cacheFor = Objects.requireNonNull(cacheFor, "cacheFor");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The current report: the cached one if it is fresh enough, a new one otherwise. */
    @Override
    public synchronized HealthReport report() {
        Instant now = clock.instant();
        if (last != null && now.isBefore(last.checkedAt().plus(cacheFor))) {
            return last;
        }
        HealthReport report = probeAll(now);
        if (last == null || last.status() != report.status()) {
            report.results().stream().filter(r -> !r.up()).forEach(r ->
                    LOG.warn("dependency {} ({}) is down: {}", r.name(), r.backend(), r.error()));
            if (last != null) {
                LOG.info("health changed from {} to {}", last.status().wireName(), report.status().wireName());
            }
        }
        last = report;
        return report;
    }

    /** The names of the dependencies checked. */
    public List<String> names() {
        return checks.stream().map(DependencyCheck::name).toList();
    }

    /** Whether the named dependency answered its latest check (probing again if the report is stale). */
    public boolean isUp(String name) {
        return report().results().stream().anyMatch(r -> r.name().equals(name) && r.up());
    }

    private HealthReport probeAll(Instant now) {
        List<Future<HealthReport.Result>> running = new ArrayList<>(checks.size());
        for (DependencyCheck check : checks) {
            running.add(probes.submit(() -> probe(check)));
        }
        List<HealthReport.Result> results = new ArrayList<>(checks.size());
        for (int i = 0; i < checks.size(); i++) {
            DependencyCheck check = checks.get(i);
            Future<HealthReport.Result> future = running.get(i);
            try {
                results.add(future.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
            } catch (TimeoutException e) {
                future.cancel(true);
                results.add(down(check, timeout.toMillis(), "no answer within " + timeout.toMillis() + " ms"));
            } catch (ExecutionException e) {
                results.add(down(check, 0, String.valueOf(e.getCause())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                results.add(down(check, 0, "interrupted"));
            }
        }
        return new HealthReport(HealthReport.statusOf(results), now, results);
    }

    private static HealthReport.Result probe(DependencyCheck check) {
        long started = System.nanoTime();
        try {
            check.probe();
            return new HealthReport.Result(check.name(), check.backend(), check.critical(), true,
                    elapsedMillis(started), null);
        } catch (Exception e) {
            return down(check, elapsedMillis(started), e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static HealthReport.Result down(DependencyCheck check, long latency, String error) {
        return new HealthReport.Result(check.name(), check.backend(), check.critical(), false, latency, error);
    }

    private static long elapsedMillis(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    @Override
    public void close() {
        probes.shutdownNow();
    }
}
