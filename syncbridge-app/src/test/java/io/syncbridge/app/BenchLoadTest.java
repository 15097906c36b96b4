package io.syncbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code bench load} runs the load generator against a running server and prints what it measured. */
class BenchLoadTest {

    private static final String SECRET = "bench-load-test-secret-0123456789abcdef";
    private static final Pattern RESULT = Pattern.compile("(?m)^bench load: rate held ([0-9.]+) of 100\\.0 changes/s; "
            + "delivery p50 ([0-9.]+) ms, p99 ([0-9.]+) ms; lost (\\d+) of (\\d+); errors (\\d+)$");

    private record Run(int code, String out, String err) {
    }

    private static Run bench(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] command = new String[args.length + 2];
        command[0] = "bench";
        command[1] = "load";
        System.arraycopy(args, 0, command, 2, args.length);
        int code = Main.run(command, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void loadsARunningInMemoryServerForThreeSecondsAndLosesNothing() {
        // The server's own limits would refuse 20 changes/s from one device; they are not what is measured.
        try (Application server = Wiring.start(Config.from(Map.of("SERVER_ADDR", "127.0.0.1:0", "JWT_SECRET", SECRET,
                "WS_RATE_LIMIT", "100000/min", "LOG_LEVEL", "WARN")), "bench-load-test")) {
            Run run = bench(Map.of("JWT_SECRET", SECRET), "--url", "ws://127.0.0.1:" + server.port(),
                    "--rate", "100", "--seconds", "3", "--sessions", "5", "--devices", "3");

            assertThat(run.code()).as("exit code; stdout:%n%s%nstderr:%n%s", run.out(), run.err()).isEqualTo(Main.OK);
            assertThat(run.out()).contains("connections     15 of 15 authenticated, 0 failed");
            Matcher result = RESULT.matcher(run.out());
            assertThat(result.find()).as("the result line in:%n%s", run.out()).isTrue();
            // Only bounds: on a busy machine the sender falls behind; what it sent must all arrive.
            assertThat(Double.parseDouble(result.group(1))).as("changes/s held of 100").isPositive()
                    .isLessThanOrEqualTo(110.0);
            assertThat(Double.parseDouble(result.group(2))).as("delivery p50 (ms)").isPositive()
                    .isLessThanOrEqualTo(Double.parseDouble(result.group(3)));
            assertThat(result.group(4)).as("deliveries lost").isEqualTo("0");
            assertThat(Long.parseLong(result.group(5))).as("deliveries expected").isPositive();
            assertThat(result.group(6)).as("errors").isEqualTo("0");
        }
    }

    @Test
    void refusesToRunWithoutTheServersKey() {
        Run run = bench(Map.of(), "--url", "http://127.0.0.1:1");

        assertThat(run.code()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains("set JWT_SECRET (or JWT_SIGNING_KEY_FILE) to the server's key");
    }

    @Test
    void refusesAServerOffThisMachineBeforeSendingAnything() {
        Run run = bench(Map.of("JWT_SECRET", SECRET), "--url", "http://93.184.216.34:8080");

        assertThat(run.code()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains("refusing to load 93.184.216.34").contains("Usage: java -jar syncbridge.jar bench load");
    }

    @Test
    void refusesAnOptionItDoesNotKnow() {
        Run run = bench(Map.of("JWT_SECRET", SECRET), "--url", "http://127.0.0.1:1", "--secret", "x");

        assertThat(run.code()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains("unexpected argument --secret");
    }

    @Test
    void spreadsTheRateOverOneWriterPerSession() {
        assertThat(BenchLoad.generatorArguments(Map.of("url", "http://127.0.0.1:8080", "rate", "500", "sessions", "50",
                "seconds", "20"))).containsSubsequence("--sessions", "50", "--devices", "3", "--writers", "1",
                "--rate", "10.000000", "--duration", "20s", "--warmup", "2000ms", "--protocol", "v2");
    }
}
