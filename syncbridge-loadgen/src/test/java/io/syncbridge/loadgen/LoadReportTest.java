package io.syncbridge.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoadReportTest {

    private static final long MS = 1_000_000;
    private static final String SECRET = "a-secret-of-at-least-thirty-two-bytes!";

    @Test
    void summarisesThroughputLatencyAcksAndErrors() {
        LoadOptions options = LoadOptions.parse(List.of("--secret", SECRET, "--protocol", "v2", "--sessions", "2",
                "--devices", "2", "--duration", "12s", "--rate", "5"), Map.of());
        LoadTally tally = new LoadTally();
        tally.measureFrom(1_000);
        tally.connectionsOpened.add(4);
        tally.sent(500, 1); // warm-up: not measured
        for (int i = 1; i <= 100; i++) {
            long sent = 1_000 + i;
            tally.sent(sent, 1);
            tally.received(sent, sent + i * MS);
            tally.acknowledged("applied", sent, sent + 2 * MS);
        }
        tally.sent(5_000, 1); // its broadcast never came
        tally.error("RATE_LIMITED", "test", null);

        String text = new LoadReport(options, tally, 4, Duration.ofSeconds(10)).format();

        assertThat(text).contains("protocol v2, 2 sessions x 2 devices, 5 updates/s per device, 12s")
                .contains("connections     4 of 4 authenticated, 0 failed")
                .contains("updates sent    102 in all; 101 in the measured 10.0 s = 10.1/s")
                .contains("fan-out         100 of 101 expected broadcasts received (10.0/s), 1 missing")
                .contains("fan-out latency p50 50.00 ms  p95 95.00 ms  p99 99.00 ms  max 100.00 ms  (n=100)")
                .contains("acks            100 (10.0/s) (applied 100); conflicts 0")
                .contains("ack latency     p50 2.00 ms")
                .contains("errors          1 (RATE_LIMITED 1)" + System.lineSeparator());
    }

    @Test
    void givesTheServersCpuInTheMeasuredPartAndItsMemoryPerConnection() {
        LoadOptions options = LoadOptions.parse(List.of("--secret", SECRET), Map.of());
        LoadTally tally = new LoadTally();
        tally.measureFrom(0);
        tally.connectionsOpened.add(1_000);
        for (int i = 1; i <= 2_000; i++) {
            tally.sent(i, 1);
        }
        ServerUsage server = new ServerUsage(sample(500, 100 * MIB), sample(1_500, 200 * MIB),
                sample(2_000, 210 * MIB), sample(2_300, 220 * MIB));

        String text = new LoadReport(options, tally, 1_000, Duration.ofSeconds(2), Duration.ofMillis(1_250), server)
                .format();

        // 300 ms of CPU over 2,000 updates in 2 s; 100 MiB over 1,000 connections.
        assertThat(text).contains("connections     1000 of 1000 authenticated, 0 failed, in 1.25 s")
                .contains("server cpu      150 µs per update sent in the measured 2.0 s (0.15 cores)")
                .contains("server memory   200 MiB resident with the 1000 connections open, 102.4 KiB more per connection")
                .contains(" connected=1000 connect_s=1.25 server_cpu_us_per_change=150 server_cores=0.15"
                        + " server_rss_mib=200 server_kib_per_connection=102.4");
    }

    @Test
    void aServerThatWasNotWatchedAddsNoServerFigures() {
        LoadOptions options = LoadOptions.parse(List.of("--secret", SECRET), Map.of());

        String text = new LoadReport(options, new LoadTally(), 4, Duration.ofSeconds(1)).format();

        assertThat(text).doesNotContain("server cpu").doesNotContain("server memory").doesNotContain("server_");
    }

    @Test
    void aServerSampleOfThisProcessHasItsCpuAndMemory() {
        ServerSample sample = ServerSample.of(ProcessHandle.current().pid()).orElseThrow();

        assertThat(sample.cpu()).isPositive();
        assertThat(sample.residentBytes()).isGreaterThan(MIB);
    }

    private static final long MIB = 1024 * 1024;

    private static Optional<ServerSample> sample(long cpuMillis, long residentBytes) {
        return Optional.of(new ServerSample(Duration.ofMillis(cpuMillis), residentBytes));
    }

    @Test
    void aRefusedChangeIsNotCountedAsAMissingBroadcast() {
        LoadOptions options = LoadOptions.parse(List.of("--secret", SECRET, "--protocol", "v2"), Map.of());
        LoadTally tally = new LoadTally();
        tally.measureFrom(0);
        tally.sent(10, 2);
        tally.received(10, 20);
        tally.received(10, 30);
        tally.sent(40, 2);
        tally.conflicts.increment();
        tally.notApplied(40, 2);

        String text = new LoadReport(options, tally, 3, Duration.ofSeconds(1)).format();

        assertThat(text).contains("fan-out         2 of 2 expected broadcasts received (2.0/s), 0 missing")
                .contains("conflicts 1");
    }

    @Test
    void aV1ReportHasNoAckLines() {
        LoadOptions options = LoadOptions.parse(List.of("--secret", SECRET), Map.of());

        String text = new LoadReport(options, new LoadTally(), 150, Duration.ofSeconds(28)).format();

        assertThat(text).contains("protocol v1").contains("fan-out latency no samples").doesNotContain("ack");
    }

    @Test
    void theCommandRefusesAForeignUrlWithUsageAndExitCode2() throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = LoadGenerator.run(List.of("--url", "http://93.184.216.34", "--secret", SECRET),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("refusing to load 93.184.216.34").contains("Usage:");
    }

    @Test
    void helpPrintsUsage() throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int code = LoadGenerator.run(List.of("--help"), new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--protocol v1|v2");
    }
}
