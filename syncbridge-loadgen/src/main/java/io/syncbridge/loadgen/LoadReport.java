package io.syncbridge.loadgen;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The summary a load run prints: what was asked, what was sent and received, latencies, errors,
 * how long the connections took to open, and what the server used where it was watched.
 */
record LoadReport(LoadOptions options, LoadTally tally, int connectionsTried, Duration measured,
                  Duration connectPhase, ServerUsage server) {

    /** A report of a run whose connect phase was not timed and whose server was not watched. */
    LoadReport(LoadOptions options, LoadTally tally, int connectionsTried, Duration measured) {
        this(options, tally, connectionsTried, measured, Duration.ZERO, ServerUsage.NOT_MEASURED);
    }

    boolean anyConnected() {
        return tally.connectionsOpened.sum() > 0;
    }

    String format() {
        double seconds = Math.max(measured.toNanos() / 1e9, 1e-9);
        long expected = tally.fanOutExpected.sum();
        long received = tally.fanOutReceived.sum();
        StringBuilder out = new StringBuilder();
        line(out, "SyncBridge load run against %s: protocol %s, %d sessions x %d devices, %s updates/s per device,"
                        + " %s (the first %s not measured)", options.target().httpBase(),
                options.protocol().name().toLowerCase(Locale.ROOT), options.sessions(), options.devices(),
                number(options.rate()), text(options.duration()), text(options.warmup()));
        long opened = tally.connectionsOpened.sum();
        double connectSeconds = connectPhase.toNanos() / 1e9;
        line(out, "connections     %d of %d authenticated, %d failed, in %.2f s", opened, connectionsTried,
                tally.connectionsFailed.sum(), connectSeconds);
        line(out, "updates sent    %d in all; %d in the measured %.1f s = %.1f/s", tally.sent.sum(),
                tally.sentMeasured.sum(), seconds, tally.sentMeasured.sum() / seconds);
        line(out, "fan-out         %d of %d expected broadcasts received (%.1f/s), %d missing", received, expected,
                received / seconds, Math.max(0, expected - received));
        line(out, "fan-out latency %s", latency(tally.fanOut.stats()));
        if (options.protocol() == LoadOptions.Protocol.V2) {
            LatencyRecorder.LatencyStats acks = tally.acks.stats();
            line(out, "acks            %d (%.1f/s)%s; conflicts %d", acks.count(), acks.count() / seconds,
                    counts(tally.outcomes()), tally.conflicts.sum());
            line(out, "ack latency     %s", latency(acks));
        }
        line(out, "errors          %d%s", tally.errorCount(), counts(tally.errors()));
        StringBuilder serverFields = new StringBuilder();
        server.cpuMeasured().ifPresent(cpu -> {
            double micros = cpu.toNanos() / 1e3;
            long sent = tally.sentMeasured.sum();
            double perChange = sent > 0 ? micros / sent : 0;
            double cores = micros / 1e6 / seconds;
            line(out, "server cpu      %.0f µs per update sent in the measured %.1f s (%.2f cores)", perChange,
                    seconds, cores);
            serverFields.append(String.format(Locale.ROOT, " server_cpu_us_per_change=%.0f server_cores=%.2f",
                    perChange, cores));
        });
        server.residentWithConnections().ifPresent(resident -> {
            double perConnection = server.residentPerConnection(opened).orElse(0);
            line(out, "server memory   %.0f MiB resident with the %d connections open, %.1f KiB more per connection",
                    resident / MIB, opened, perConnection / 1024);
            serverFields.append(String.format(Locale.ROOT, " server_rss_mib=%.0f server_kib_per_connection=%.1f",
                    resident / MIB, perConnection / 1024));
        });
        LatencyRecorder.LatencyStats fanOut = tally.fanOut.stats();
        // One line for scripts (syncbridge-bench/run-load-bench.sh reads it).
        line(out, "summary sent_per_s=%.1f fanout_p50_ms=%.2f fanout_p99_ms=%.2f missing=%d errors=%d"
                        + " connected=%d connect_s=%.2f%s",
                tally.sentMeasured.sum() / seconds, millis(fanOut.p50Nanos()), millis(fanOut.p99Nanos()),
                Math.max(0, expected - received), tally.errorCount(), opened, connectSeconds,
                serverFields);
        return out.toString();
    }

    private static final double MIB = 1024 * 1024;

    /** The figures of {@link #format()} for a caller that runs the generator in process. */
    LoadResult result() {
        double seconds = Math.max(measured.toNanos() / 1e9, 1e-9);
        long expected = tally.fanOutExpected.sum();
        long received = tally.fanOutReceived.sum();
        LatencyRecorder.LatencyStats fanOut = tally.fanOut.stats();
        return new LoadResult(format(), options.rate() * options.writers() * options.sessions(),
                tally.sentMeasured.sum() / seconds, millis(fanOut.p50Nanos()), millis(fanOut.p99Nanos()), received,
                Math.max(0, expected - received), tally.errorCount(), tally.connectionsOpened.sum(), connectionsTried);
    }

    static String latency(LatencyRecorder.LatencyStats stats) {
        if (stats.count() == 0) {
            return "no samples";
        }
        return String.format(Locale.ROOT, "p50 %.2f ms  p95 %.2f ms  p99 %.2f ms  max %.2f ms  (n=%d)",
                millis(stats.p50Nanos()), millis(stats.p95Nanos()), millis(stats.p99Nanos()),
                millis(stats.maxNanos()), stats.count());
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    private static String counts(Map<String, Long> counts) {
        return counts.isEmpty() ? "" : counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ", " (", ")"));
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static String text(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }

    private static void line(StringBuilder out, String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append(System.lineSeparator());
    }
}
