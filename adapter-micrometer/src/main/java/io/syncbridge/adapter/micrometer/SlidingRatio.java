package io.syncbridge.adapter.micrometer;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * A ratio of two counts over a sliding window, kept in one-minute buckets: what share of the
 * changes received in offline batches over the last minutes was accepted.
 */
final class SlidingRatio {

    private static final long BUCKET_MILLIS = Duration.ofMinutes(1).toMillis();

    private final Clock clock;
    private final long[] bucketStart;
    private final long[] received;
    private final long[] accepted;

    SlidingRatio(Duration window, Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        int buckets = (int) Math.max(1, window.toMillis() / BUCKET_MILLIS);
        this.bucketStart = new long[buckets];
        this.received = new long[buckets];
        this.accepted = new long[buckets];
        java.util.Arrays.fill(bucketStart, Long.MIN_VALUE);
    }

    synchronized void add(long receivedCount, long acceptedCount) {
        long minute = Math.floorDiv(clock.millis(), BUCKET_MILLIS);
        int slot = (int) Math.floorMod(minute, (long) bucketStart.length);
        if (bucketStart[slot] != minute) {
            bucketStart[slot] = minute;
            received[slot] = 0;
            accepted[slot] = 0;
        }
        received[slot] += receivedCount;
        accepted[slot] += acceptedCount;
    }

    /** accepted / received over the window; 1 when nothing was received (nothing failed). */
    synchronized double ratio() {
        long minute = Math.floorDiv(clock.millis(), BUCKET_MILLIS);
        long totalReceived = 0;
        long totalAccepted = 0;
        for (int i = 0; i < bucketStart.length; i++) {
            if (bucketStart[i] != Long.MIN_VALUE && minute - bucketStart[i] < bucketStart.length) {
                totalReceived += received[i];
                totalAccepted += accepted[i];
            }
        }
        return totalReceived == 0 ? 1.0 : (double) totalAccepted / totalReceived;
    }
}
