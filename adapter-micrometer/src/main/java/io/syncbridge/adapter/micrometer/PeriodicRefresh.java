package io.syncbridge.adapter.micrometer;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the figures that are too costly to take on every scrape (a catalogue query, {@code INFO}
 * on every Redis node) on one background thread, each at its own interval, so that a scrape only
 * reads the last values and never waits for a store.
 */
final class PeriodicRefresh implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PeriodicRefresh.class);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "metrics-refresh");
        thread.setDaemon(true);
        return thread;
    });

    /** Runs {@code task} now and then every {@code interval}; a failure is logged and the next run tries again. */
    void every(String what, Duration interval, Runnable task) {
        Objects.requireNonNull(task, "task");
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("refreshing {} failed, keeping the last values: {}", what, e.toString());
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
