package io.syncbridge.adapter.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.syncbridge.domain.change.ChangeOutcome;
import io.syncbridge.port.out.MetricsObserver;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Metrics adapter: turns what the core reports into the Prometheus meters of the runbooks:
 * {@code state_sync_duration_seconds}, {@code state_delta_duration_seconds},
 * {@code cross_device_handoffs_total}, {@code handoff_latency_seconds},
 * {@code offline_sync_success_rate}, {@code state_conflicts_total} and a few counters beside them.
 */
final class MicrometerMetricsObserver implements MetricsObserver {

    /** 1 ms to 1 s: the range the sync thresholds (50 / 100 / 200 / 500 ms) sit in. */
    static final Duration[] SYNC_BUCKETS = {
            Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1)};

    private final Timer stateSync;
    private final Map<ChangeOutcome, Timer> deltaApply = new EnumMap<>(ChangeOutcome.class);
    private final Counter conflicts;
    private final Counter handoffs;
    private final Timer handoffLatency;
    private final Counter offlineChanges;
    private final Counter offlineAccepted;
    private final SlidingRatio offlineRatio;
    private final Counter sessionsCreated;
    private final Counter sessionsEnded;
    private final Counter commitRetries;
    private final Counter sessionsRestored;
    private final Counter resumedAhead;

    /** The window of {@code offline_sync_success_rate}. */
    static final Duration OFFLINE_WINDOW = Duration.ofMinutes(15);

    public MicrometerMetricsObserver(MeterRegistry registry) {
        this(registry, Clock.systemUTC());
    }

    public MicrometerMetricsObserver(MeterRegistry registry, Clock clock) {
        Objects.requireNonNull(registry, "registry");
        this.offlineRatio = new SlidingRatio(OFFLINE_WINDOW, clock);
        stateSync = Timer.builder("state.sync.duration").description("Serving or replacing a full session state")
                .serviceLevelObjectives(SYNC_BUCKETS).register(registry);
        for (ChangeOutcome outcome : ChangeOutcome.values()) {
            deltaApply.put(outcome, Timer.builder("state.delta.duration")
                    .description("Deciding and committing one change").tag("outcome", outcome.wireName())
                    .serviceLevelObjectives(SYNC_BUCKETS).register(registry));
        }
        conflicts = Counter.builder("state.conflicts").description("Changes rejected as version conflicts")
                .register(registry);
        handoffs = Counter.builder("cross.device.handoffs").description("Completed handoffs between devices")
                .register(registry);
        handoffLatency = Timer.builder("handoff.latency").description("From handoff request to completion")
                .serviceLevelObjectives(SYNC_BUCKETS).register(registry);
        offlineChanges = Counter.builder("offline.sync.changes").description("Changes received in offline batches")
                .register(registry);
        offlineAccepted = Counter.builder("offline.sync.accepted")
                .description("Changes of offline batches that were accepted").register(registry);
        Gauge.builder("offline.sync.success.rate", offlineRatio, SlidingRatio::ratio)
                .description("Accepted share of the changes of offline batches over the last 15 minutes (1 when none)")
                .register(registry);
        sessionsCreated = Counter.builder("sessions.opened").description("Sessions created").register(registry);
        sessionsEnded = Counter.builder("sessions.ended").description("Sessions deleted or expired").register(registry);
        commitRetries = Counter.builder("state.commit.retries")
                .description("Compare-and-set commits that lost a race and were retried").register(registry);
        sessionsRestored = Counter.builder("sessions.restored")
                .description("Sessions the session store had lost, restored from their PostgreSQL checkpoint")
                .register(registry);
        resumedAhead = Counter.builder("resume.server.behind")
                .description("Devices that resumed from a version the server no longer had (told server_behind)")
                .register(registry);
    }

    @Override
    public void changeApplied(ChangeOutcome outcome, Duration took) {
        deltaApply.get(outcome).record(took);
    }

    @Override
    public void conflictDetected() {
        conflicts.increment();
    }

    @Override
    public void stateSynced(Duration took) {
        stateSync.record(took);
    }

    @Override
    public void handoffCompleted(Duration latency) {
        handoffs.increment();
        handoffLatency.record(latency);
    }

    @Override
    public void offlineBatch(int changes, int accepted) {
        offlineChanges.increment(changes);
        offlineAccepted.increment(accepted);
        offlineRatio.add(changes, accepted);
    }

    @Override
    public void sessionCreated() {
        sessionsCreated.increment();
    }

    @Override
    public void sessionEnded() {
        sessionsEnded.increment();
    }

    @Override
    public void commitRetried() {
        commitRetries.increment();
    }

    @Override
    public void sessionRestored() {
        sessionsRestored.increment();
    }

    @Override
    public void resumedAheadOfServer() {
        resumedAhead.increment();
    }
}
