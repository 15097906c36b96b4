package io.syncbridge.application;

import io.syncbridge.domain.change.ChangeOutcome;
import io.syncbridge.domain.time.Clock;
import io.syncbridge.port.in.MonitoringUseCase.Timeline;
import io.syncbridge.port.in.MonitoringUseCase.TimelinePoint;
import io.syncbridge.port.out.MetricsObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The last {@link Timeline#WINDOW} of this node's activity for an operator's charts: a fixed ring of
 * {@link Timeline#STEP} buckets (memory does not grow with load or uptime), each counting accepted
 * changes, handoffs and server errors, holding the last reported connection count and a histogram of
 * fan-out times. Fed as a {@link MetricsObserver}; a bucket is reused once its slot is a window old.
 */
final class ActivityTimeline implements MetricsObserver {

    /** Upper bounds of the fan-out histogram's bins, in microseconds; one more bin holds what is slower. */
    static final long[] FAN_OUT_BOUNDS_MICROS = {100, 250, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000,
            100_000, 200_000, 500_000, 1_000_000, 2_000_000, 5_000_000, 10_000_000};

    private final Clock clock;
    private final long stepMillis;
    private final Bucket[] ring;
    private final long firstSlot;

    ActivityTimeline(Clock clock) {
        this(clock, Timeline.STEP, Timeline.WINDOW);
    }

    ActivityTimeline(Clock clock, Duration step, Duration window) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.stepMillis = step.toMillis();
        if (stepMillis < 1 || window.toMillis() < stepMillis || window.toMillis() % stepMillis != 0) {
            throw new IllegalArgumentException("the window must be a whole number of steps of 1 ms or more");
        }
        this.ring = new Bucket[(int) (window.toMillis() / stepMillis)];
        for (int i = 0; i < ring.length; i++) {
            ring[i] = new Bucket();
        }
        this.firstSlot = slot(clock.now());
    }

    @Override
    public void changeApplied(ChangeOutcome outcome, Duration took) {
        if (outcome == ChangeOutcome.DUPLICATE) {
            return; // a retry the server had already taken: no new change
        }
        Bucket bucket = current();
        if (bucket != null) {
            bucket.changes.increment();
        }
    }

    @Override
    public void handoffCompleted(Duration latency) {
        Bucket bucket = current();
        if (bucket != null) {
            bucket.handoffs.increment();
        }
    }

    @Override
    public void requestFailed() {
        Bucket bucket = current();
        if (bucket != null) {
            bucket.errors.increment();
        }
    }

    @Override
    public void connectionsOpen(long open) {
        Bucket bucket = current();
        if (bucket != null) {
            bucket.connections = Math.max(0, open);
        }
    }

    @Override
    public void changeDelivered(Duration sinceCommit) {
        Bucket bucket = current();
        if (bucket == null) {
            return;
        }
        long micros = Math.max(0, sinceCommit.toNanos() / 1_000);
        int bin = 0;
        while (bin < FAN_OUT_BOUNDS_MICROS.length && micros > FAN_OUT_BOUNDS_MICROS[bin]) {
            bin++;
        }
        bucket.fanOut.incrementAndGet(bin);
    }

    /** The window up to now, oldest first; slots before this timeline started are left out. */
    Timeline read() {
        Instant now = clock.now();
        long nowSlot = slot(now);
        long from = Math.max(firstSlot, nowSlot - ring.length + 1);
        List<TimelinePoint> points = new ArrayList<>();
        for (long s = from; s <= nowSlot; s++) {
            Instant start = Instant.ofEpochMilli(s * stepMillis);
            Duration covered = s == nowSlot ? Duration.between(start, now) : Duration.ofMillis(stepMillis);
            Bucket bucket = ring[index(s)];
            points.add(bucket.slot == s ? bucket.point(start, covered)
                    : new TimelinePoint(start, covered, 0, 0, 0, OptionalLong.empty(), OptionalDouble.empty(),
                    OptionalDouble.empty()));
        }
        return new Timeline(now, Duration.ofMillis(stepMillis), points);
    }

    private long slot(Instant at) {
        return Math.floorDiv(at.toEpochMilli(), stepMillis);
    }

    private int index(long slot) {
        return (int) Math.floorMod(slot, (long) ring.length);
    }

    /** The bucket of now, cleared when it last held an older slot; null when the clock went back past it. */
    private Bucket current() {
        long slot = slot(clock.now());
        Bucket bucket = ring[index(slot)];
        if (bucket.slot != slot) {
            synchronized (bucket) {
                if (bucket.slot > slot) {
                    return null; // the clock stepped back a whole window: drop the sample rather than older data over newer
                }
                if (bucket.slot != slot) {
                    bucket.reuseFor(slot);
                }
            }
        }
        return bucket;
    }

    /** One step of the window; {@code slot} is written last, so that a reader who sees it sees cleared counts. */
    private static final class Bucket {
        private volatile long slot = Long.MIN_VALUE;
        private final LongAdder changes = new LongAdder();
        private final LongAdder handoffs = new LongAdder();
        private final LongAdder errors = new LongAdder();
        private final AtomicLongArray fanOut = new AtomicLongArray(FAN_OUT_BOUNDS_MICROS.length + 1);
        private volatile long connections = -1;

        void reuseFor(long newSlot) {
            changes.reset();
            handoffs.reset();
            errors.reset();
            for (int i = 0; i < fanOut.length(); i++) {
                fanOut.set(i, 0);
            }
            connections = -1;
            slot = newSlot;
        }

        TimelinePoint point(Instant start, Duration covered) {
            long[] bins = new long[fanOut.length()];
            for (int i = 0; i < bins.length; i++) {
                bins[i] = fanOut.get(i);
            }
            long open = connections;
            return new TimelinePoint(start, covered, changes.sum(), handoffs.sum(), errors.sum(),
                    open < 0 ? OptionalLong.empty() : OptionalLong.of(open), percentile(bins, 0.50),
                    percentile(bins, 0.99));
        }
    }

    /**
     * The {@code q} quantile of a histogram in milliseconds, interpolated inside its bin (as
     * Prometheus' {@code histogram_quantile} does); the last bound for what fell past it; empty with no samples.
     */
    static OptionalDouble percentile(long[] bins, double q) {
        long total = 0;
        for (long count : bins) {
            total += count;
        }
        if (total == 0) {
            return OptionalDouble.empty();
        }
        double rank = q * total;
        long seen = 0;
        for (int i = 0; i < bins.length; i++) {
            if (bins[i] > 0 && seen + bins[i] >= rank) {
                if (i == FAN_OUT_BOUNDS_MICROS.length) {
                    return OptionalDouble.of(FAN_OUT_BOUNDS_MICROS[i - 1] / 1_000.0);
                }
                double lower = i == 0 ? 0 : FAN_OUT_BOUNDS_MICROS[i - 1];
                double upper = FAN_OUT_BOUNDS_MICROS[i];
                double within = (rank - seen) / bins[i];
                return OptionalDouble.of((lower + (upper - lower) * within) / 1_000.0);
            }
            seen += bins[i];
        }
        return OptionalDouble.of(FAN_OUT_BOUNDS_MICROS[FAN_OUT_BOUNDS_MICROS.length - 1] / 1_000.0);
    }
}
