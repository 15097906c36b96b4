package io.syncbridge.loadgen;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one load run does, read from the command line (and JWT_SECRET when --secret is not given).
 * The secret is null when the caller mints the devices' tokens itself ({@link #parseWithoutSecret}).
 */
record LoadOptions(LoopbackTarget target, byte[] secret, int sessions, int devices, Duration duration, double rate,
                   Protocol protocol, Duration warmup, Duration connectTimeout, int valueBytes, int writers,
                   WebSocketClient.Kind client, Receive receive, long serverPid) {

    /** Which messages carry the updates. */
    enum Protocol {
        /** StateUpdate (5) SET on the session endpoint; other devices get StateUpdate broadcasts. */
        V1,
        /** Change (10) after Auth with protocol 2 on /ws; the sender gets ChangeAck (12), others Delta (11). */
        V2
    }

    /** How received frames are read. */
    enum Receive {
        /** Broadcasts and acks by {@link FrameScanner}, other frames parsed in full. */
        SCAN,
        /** Every frame parsed into a JSON tree (how the generator read them before the scanner). */
        TREE
    }

    static final Duration MAX_DURATION = Duration.ofHours(1);
    static final int MAX_DEVICES = 5;
    /** {@code serverPid} when no {@code --server-pid} was given. */
    static final long NO_SERVER_PID = 0;

    static final String USAGE = """
            Usage: java -cp benchmarks.jar io.syncbridge.loadgen.LoadGenerator [options]
              --url URL             server base URL, loopback only (default http://127.0.0.1:8080)
              --secret SECRET       HS256 secret the server verifies with, at least 32 bytes
                                    (default: the JWT_SECRET environment variable)
              --sessions N          sessions to open (default 50)
              --devices N           devices per session, 1 to 5 (default 3)
              --duration D          how long to send, e.g. 30s, 2m, 500ms (default 30s, at most 1h)
              --rate R              updates per second per device (default 20)
              --protocol v1|v2      v1 StateUpdate broadcasts, or v2 Change with acks and deltas (default v1)
              --warmup D            first part of the run left out of the statistics (default 2s)
              --connect-timeout D   per connection and authentication (default 10s)
              --value-bytes N       padding in each update's value (default 32)
              --writers N           devices per session that send, the first N (default: all)
              --client nio|jdk      WebSocket client: the generator's own NIO client, or java.net.http
                                    (default nio)
              --receive scan|tree   read broadcasts and acks by scanning for their few fields, or parse
                                    every frame into a JSON tree (default scan)
              --server-pid PID      the server's process id on this machine: the run also reports the
                                    server's CPU per change in the measured part and its resident
                                    memory with every connection open (default: not measured)
            """;

    LoadOptions {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(warmup, "warmup");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(receive, "receive");
        if (secret != null && secret.length < 32) {
            throw new IllegalArgumentException("the HS256 secret must be at least 32 bytes (the server refuses shorter)");
        }
        require(sessions >= 1 && sessions <= 10_000, "--sessions must be 1 to 10000");
        require(devices >= 1 && devices <= MAX_DEVICES, "--devices must be 1 to " + MAX_DEVICES);
        require(!duration.isNegative() && !duration.isZero() && duration.compareTo(MAX_DURATION) <= 0,
                "--duration must be more than 0 and at most 1h");
        require(rate > 0 && rate <= 1_000, "--rate must be more than 0 and at most 1000 per second");
        require(!warmup.isNegative() && warmup.compareTo(duration) < 0, "--warmup must be shorter than --duration");
        require(!connectTimeout.isNegative() && !connectTimeout.isZero(), "--connect-timeout must be positive");
        require(valueBytes >= 0 && valueBytes <= 65_536, "--value-bytes must be 0 to 65536");
        require(writers >= 1 && writers <= devices, "--writers must be 1 to --devices");
        require(serverPid == NO_SERVER_PID || ServerSample.exists(serverPid),
                "--server-pid must be the id of a running process on this machine, got " + serverPid);
    }

    /** Whether the run reads the server's CPU and memory ({@code --server-pid} given). */
    boolean measuresServer() {
        return serverPid != NO_SERVER_PID;
    }

    /** Reads the options; throws IllegalArgumentException with a message fit for the user. */
    static LoadOptions parse(List<String> args, Map<String, String> environment) {
        Map<String, String> given = given(args);
        String secret = given.getOrDefault("secret", environment.get("JWT_SECRET"));
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("--secret (or JWT_SECRET) is required: the server's HS256 secret");
        }
        return of(given, secret.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads the options of a run whose caller mints the tokens: {@code --secret} is refused, not ignored. */
    static LoadOptions parseWithoutSecret(List<String> args) {
        Map<String, String> given = given(args);
        if (given.containsKey("secret")) {
            throw new IllegalArgumentException("--secret is not used here: the devices' tokens are minted by the caller");
        }
        return of(given, null);
    }

    /** Each {@code --name value} or {@code --name=value} of {@code args}, by name. */
    private static Map<String, String> given(List<String> args) {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + arg);
            }
            String name;
            String value;
            int equals = arg.indexOf('=');
            if (equals > 0) {
                name = arg.substring(2, equals);
                value = arg.substring(equals + 1);
            } else {
                name = arg.substring(2);
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException("--" + name + " needs a value");
                }
                value = args.get(++i);
            }
            if (!KNOWN.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
            if (given.put(name, value) != null) {
                throw new IllegalArgumentException("--" + name + " given twice");
            }
        }
        return given;
    }

    private static LoadOptions of(Map<String, String> given, byte[] secret) {
        return new LoadOptions(LoopbackTarget.parse(given.getOrDefault("url", "http://127.0.0.1:8080")),
                secret,
                integer(given, "sessions", 50), integer(given, "devices", 3),
                duration(given.getOrDefault("duration", "30s"), "duration"),
                number(given, "rate", 20), protocol(given.getOrDefault("protocol", "v1")),
                duration(given.getOrDefault("warmup", "2s"), "warmup"),
                duration(given.getOrDefault("connect-timeout", "10s"), "connect-timeout"),
                integer(given, "value-bytes", 32),
                integer(given, "writers", integer(given, "devices", 3)),
                choice(given.getOrDefault("client", "nio"), "client", WebSocketClient.Kind.class),
                choice(given.getOrDefault("receive", "scan"), "receive", Receive.class),
                longInteger(given, "server-pid", NO_SERVER_PID));
    }

    private static final List<String> KNOWN = List.of("url", "secret", "sessions", "devices", "duration", "rate",
            "protocol", "warmup", "connect-timeout", "value-bytes", "writers", "client", "receive", "server-pid");

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");

    /** "500ms", "30s", "2m", "1h"; a bare number is seconds. */
    static Duration duration(String text, String option) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("--" + option + " must be a duration such as 500ms, 30s, 2m or 1h: "
                    + text);
        }
        long amount;
        try {
            amount = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + option + " is out of range: " + text, e);
        }
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(Math.min(amount, 1_000_000));
            case "h" -> Duration.ofHours(Math.min(amount, 100_000));
            default -> Duration.ofSeconds(amount);
        };
    }

    private static Protocol protocol(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "v1", "1" -> Protocol.V1;
            case "v2", "2" -> Protocol.V2;
            default -> throw new IllegalArgumentException("--protocol must be v1 or v2, got " + text);
        };
    }

    private static <E extends Enum<E>> E choice(String text, String option, Class<E> choices) {
        for (E choice : choices.getEnumConstants()) {
            if (choice.name().equalsIgnoreCase(text.trim())) {
                return choice;
            }
        }
        throw new IllegalArgumentException("--" + option + " must be one of "
                + Arrays.stream(choices.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT))
                        .toList() + ", got " + text);
    }

    private static long longInteger(Map<String, String> given, String name, long fallback) {
        String text = given.get(name);
        try {
            return text == null ? fallback : Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, got " + text, e);
        }
    }

    private static int integer(Map<String, String> given, String name, int fallback) {
        String text = given.get(name);
        try {
            return text == null ? fallback : Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, got " + text, e);
        }
    }

    private static double number(Map<String, String> given, String name, double fallback) {
        String text = given.get(name);
        try {
            double value = text == null ? fallback : Double.parseDouble(text.trim());
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                throw new NumberFormatException(text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, got " + text, e);
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The interval between two updates of one device. */
    Duration sendInterval() {
        return Duration.ofNanos(Math.max(1, Math.round(1e9 / rate)));
    }

    @Override
    public String toString() {
        // Never print the secret.
        return "LoadOptions[" + target.httpBase() + ", " + sessions + " sessions x " + devices + " devices, " + rate
                + "/s per writer, " + writers + " writers per session, " + duration + ", " + protocol + ", " + client
                + " client, " + receive + "]";
    }
}
