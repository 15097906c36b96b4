package io.syncbridge.app;

import io.syncbridge.adapter.jwt.JwtAccessTokens;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.UserId;
import io.syncbridge.loadgen.DeviceTokens;
import io.syncbridge.loadgen.LoadGenerator;
import io.syncbridge.loadgen.LoadResult;
import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code bench load} command: runs the load generator (syncbridge-loadgen) in this process
 * against a running server and prints the delivery p50/p99, the deliveries lost and the rate held.
 */
final class BenchLoad {

    static final String USAGE = """
            Usage: java -jar syncbridge.jar bench load --url URL [options]
              --url URL           the running server, http(s):// or ws(s)://, on this machine's loopback
              --rate N            changes per second, all sessions together (50)
              --seconds S         how long to send them (10; the first fifth, at most 2 s, is warm-up)
              --sessions N        sessions, each with one device that writes (50)
              --devices N         devices per session, 2 to 5: each change is delivered to the others (3)
              --protocol v1|v2    v2 Change with acks and deltas, or v1 StateUpdate (v2)
            The devices' tokens are signed with the configured key (JWT_SECRET or JWT_SIGNING_KEY_FILE,
            JWT_ISSUER, JWT_AUDIENCE), so run it with the server's configuration. The defaults stay
            within a default server's limits: each writer sends rate/sessions changes a second
            (WS_RATE_LIMIT, 100/min) and this machine opens sessions x devices connections
            (WS_MAX_CONNECTIONS_PER_IP, 256); raise those on the server to go further. Exits 1 when
            a delivery was lost, an error occurred or no device connected.
            """;

    private static final List<String> KNOWN = List.of("url", "rate", "seconds", "sessions", "devices", "protocol");

    private BenchLoad() {
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : null;
            if (name == null || !KNOWN.contains(name) || i + 1 >= args.length) {
                return usage(err, "unexpected argument " + args[i]);
            }
            options.put(name, args[i + 1]);
        }
        if (!options.containsKey("url")) {
            return usage(err, "--url is required");
        }
        List<String> generatorArgs;
        try {
            generatorArgs = generatorArguments(options);
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        }
        Config config = Config.from(env);
        if (config.jwt().generatedSecret()) {
            err.println("syncbridge bench load: set JWT_SECRET (or JWT_SIGNING_KEY_FILE) to the server's key; "
                    + "devices with tokens signed by a random secret would be refused by the server");
            return Main.USAGE;
        }
        JwtAccessTokens tokens = AccessTokenSetup.create(config.jwt(), Clock.systemUTC()).tokens();
        DeviceTokens deviceTokens = (user, session, device) -> tokens.issueSessionToken(new UserId(user),
                SessionId.scoped(new UserId(user), session), new DeviceId(device)).token();
        LoadResult result;
        try {
            result = LoadGenerator.run(generatorArgs, deviceTokens);
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("syncbridge bench load: interrupted");
            return Main.FAILED;
        }
        out.print(result.report());
        out.println(resultLine(result));
        return result.lost() == 0 && result.errors() == 0 && result.connected() > 0 ? Main.OK : Main.FAILED;
    }

    /**
     * The generator's options for this command's: one writer per session, so that {@code --rate} is
     * the total and every change is delivered to the session's other devices.
     */
    static List<String> generatorArguments(Map<String, String> options) {
        int sessions = whole(options, "sessions", 50, 1);
        int devices = whole(options, "devices", 3, 2);
        int seconds = whole(options, "seconds", 10, 1);
        double rate = positive(options.getOrDefault("rate", "50"));
        long warmupMillis = Math.min(2_000, seconds * 1_000L / 5);
        return List.of("--url", options.get("url"), "--sessions", Integer.toString(sessions),
                "--devices", Integer.toString(devices), "--writers", "1",
                "--rate", String.format(Locale.ROOT, "%.6f", rate / sessions),
                "--duration", seconds + "s", "--warmup", warmupMillis + "ms",
                "--protocol", options.getOrDefault("protocol", "v2"));
    }

    /** The one line a script reads: rate held of asked, delivery p50 and p99, lost, errors. */
    static String resultLine(LoadResult result) {
        return String.format(Locale.ROOT, "bench load: rate held %.1f of %.1f changes/s; delivery p50 %.2f ms, "
                        + "p99 %.2f ms; lost %d of %d; errors %d", result.heldPerSecond(), result.askedPerSecond(),
                result.deliveryP50Millis(), result.deliveryP99Millis(), result.lost(),
                result.lost() + result.delivered(), result.errors());
    }

    private static int whole(Map<String, String> options, String name, int fallback, int least) {
        String text = options.get(name);
        try {
            int value = text == null ? fallback : Integer.parseInt(text.trim());
            if (value < least) {
                throw new IllegalArgumentException("--" + name + " must be at least " + least + ", got " + text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, got " + text, e);
        }
    }

    private static double positive(String text) {
        try {
            double value = Double.parseDouble(text.trim());
            if (!(value > 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("--rate must be a number above 0, got " + text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--rate must be a number above 0, got " + text, e);
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println("syncbridge bench load: " + problem);
        err.print(USAGE);
        return Main.USAGE;
    }
}
