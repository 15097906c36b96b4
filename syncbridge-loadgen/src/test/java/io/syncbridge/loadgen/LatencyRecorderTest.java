package io.syncbridge.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

    private static final long MS = 1_000_000;

    @Test
    void reportsNearestRankPercentilesWhateverTheRecordingOrder() {
        LatencyRecorder recorder = new LatencyRecorder();
        List<Long> samples = new ArrayList<>();
        for (long ms = 1; ms <= 200; ms++) {
            samples.add(ms * MS);
        }
        Collections.shuffle(samples);
        samples.forEach(recorder::record);

        LatencyRecorder.LatencyStats stats = recorder.stats();

        assertThat(stats.count()).isEqualTo(200);
        assertThat(stats.p50Nanos()).isEqualTo(100 * MS);
        assertThat(stats.p95Nanos()).isEqualTo(190 * MS);
        assertThat(stats.p99Nanos()).isEqualTo(198 * MS);
        assertThat(stats.maxNanos()).isEqualTo(200 * MS);
        assertThat(stats.meanNanos()).isEqualTo(100.5 * MS);
    }

    @Test
    void aSingleOutlierShowsInTheTailNotTheMedian() {
        LatencyRecorder recorder = new LatencyRecorder();
        for (int i = 0; i < 99; i++) {
            recorder.record(2 * MS);
        }
        recorder.record(500 * MS);

        LatencyRecorder.LatencyStats stats = recorder.stats();

        assertThat(stats.p50Nanos()).isEqualTo(2 * MS);
        assertThat(stats.p99Nanos()).isEqualTo(2 * MS);
        assertThat(stats.maxNanos()).isEqualTo(500 * MS);
    }

    @Test
    void oneSampleIsEveryPercentile() {
        LatencyRecorder recorder = new LatencyRecorder();
        recorder.record(7 * MS);

        assertThat(recorder.stats()).isEqualTo(new LatencyRecorder.LatencyStats(1, 7 * MS, 7 * MS, 7 * MS, 7 * MS,
                7.0 * MS));
    }

    @Test
    void noSamplesGiveEmptyStatistics() {
        assertThat(new LatencyRecorder().stats()).isEqualTo(LatencyRecorder.LatencyStats.EMPTY);
    }

    @Test
    void aNegativeIntervalCountsAsZero() {
        LatencyRecorder recorder = new LatencyRecorder();
        recorder.record(-5);

        assertThat(recorder.stats().maxNanos()).isZero();
    }

    @Test
    void keepsEverySampleRecordedFromManyThreads() throws InterruptedException {
        LatencyRecorder recorder = new LatencyRecorder();
        int threads = 8;
        int each = 10_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long value = t + 1;
            workers.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < each; i++) {
                    recorder.record(value);
                }
            }));
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }

        LatencyRecorder.LatencyStats stats = recorder.stats();
        assertThat(stats.count()).isEqualTo(threads * each);
        assertThat(stats.meanNanos()).isEqualTo(4.5);
        assertThat(stats.maxNanos()).isEqualTo(8);
    }
}
