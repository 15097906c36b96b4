package io.syncbridge.loadgen;

import java.util.Arrays;

/** Collects latency samples from many threads and summarises them as percentiles. */
final class LatencyRecorder {

    private long[] samples = new long[1_024];
    private int size;

    /** Records one latency in nanoseconds; negative values (a clock oddity) count as zero. */
    synchronized void record(long nanos) {
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, size * 2);
        }
        samples[size++] = Math.max(0, nanos);
    }

    synchronized int count() {
        return size;
    }

    LatencyStats stats() {
        long[] sorted;
        synchronized (this) {
            sorted = Arrays.copyOf(samples, size);
        }
        Arrays.sort(sorted);
        return LatencyStats.of(sorted);
    }

    /** Percentiles by nearest rank (the smallest sample with at least p% of samples at or below it). */
    record LatencyStats(int count, long p50Nanos, long p95Nanos, long p99Nanos, long maxNanos, double meanNanos) {

        static final LatencyStats EMPTY = new LatencyStats(0, 0, 0, 0, 0, 0);

        static LatencyStats of(long[] sorted) {
            if (sorted.length == 0) {
                return EMPTY;
            }
            double sum = 0;
            for (long sample : sorted) {
                sum += sample;
            }
            return new LatencyStats(sorted.length, rank(sorted, 50), rank(sorted, 95), rank(sorted, 99),
                    sorted[sorted.length - 1], sum / sorted.length);
        }

        private static long rank(long[] sorted, int percent) {
            int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
            return sorted[Math.max(rank, 1) - 1];
        }
    }
}
