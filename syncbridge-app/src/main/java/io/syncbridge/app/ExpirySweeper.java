package io.syncbridge.app;

import io.syncbridge.port.in.ExpiryUseCase;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the core's expiry sweep on a schedule: warns devices of sessions about to expire and ends expired ones. */
final class ExpirySweeper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExpirySweeper.class);

    private final ExpiryUseCase expiry;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("expiry-sweep").factory());

    ExpirySweeper(ExpiryUseCase expiry, Duration interval) {
        this.expiry = Objects.requireNonNull(expiry, "expiry");
        scheduler.scheduleWithFixedDelay(this::sweep, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sweep() {
        try {
            ExpiryUseCase.Sweep sweep = expiry.sweep();
            if (sweep.warned() > 0 || sweep.expired() > 0) {
                LOG.info("expiry sweep: {} session(s) warned, {} expired", sweep.warned(), sweep.expired());
            }
        } catch (RuntimeException e) {
            // The next sweep tries again; a sweep that fails must not end the schedule.
            LOG.warn("expiry sweep failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    @Override
    public String toString() {
        return "expiry sweeper";
    }
}
