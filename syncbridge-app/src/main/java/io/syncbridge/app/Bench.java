package io.syncbridge.app;

import io.syncbridge.adapter.redis.CommitScriptLoad;
import io.syncbridge.adapter.redis.RedisConfig;
import io.syncbridge.adapter.redis.RedisConnection;
import io.syncbridge.adapter.redis.RedisSessionStore;
import io.syncbridge.domain.change.Change;
import io.syncbridge.domain.change.MutationId;
import io.syncbridge.domain.conflict.StrictResolver;
import io.syncbridge.domain.device.DeviceDescription;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.session.AcceptedChange;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.SessionPolicy;
import io.syncbridge.domain.session.SessionSettings;
import io.syncbridge.domain.session.UserId;
import io.syncbridge.domain.state.JsonObject;
import io.syncbridge.domain.state.JsonPointer;
import io.syncbridge.domain.state.JsonValue;
import io.syncbridge.domain.state.PatchOperation;
import io.syncbridge.domain.time.Clock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code bench} command: the store's side of the load benchmark (syncbridge-bench/run-load-bench.sh
 * runs it, then the server at rising rates), and {@code load}, the load generator against a running
 * server ({@link BenchLoad}). {@code ceiling}: Redis's own rate for the real commit
 * script, by redis-benchmark with EVALSHA. {@code cost}: what one accepted change costs at 1 KiB and
 * 100 KiB of state, in bytes sent to Redis, Redis CPU and this process's CPU. Meant for a Redis of its
 * own (the numbers from INFO are the whole server's); it only writes keys of its own prefix.
 */
final class Bench {

    static final String USAGE = """
            Usage: java -jar syncbridge.jar bench ceiling|cost --redis HOST:PORT [options]
                   java -jar syncbridge.jar bench load --url URL [options]
              load      the load generator against a running server: delivery p50/p99, lost, rate
                        held (bench load --help for its options)
              ceiling   redis-benchmark with the real commit script (EVALSHA); prints commits/s
                        --sessions N (1000)  --requests N (200000)  --clients N (50)  --pipeline N (16)
              cost      one change at 1 KiB and 100 KiB of state: bytes to Redis, Redis and client CPU
                        --changes N (2000)
            Use a Redis of its own: INFO counts every client's traffic.
            """;

    private static final Pattern RPS = Pattern.compile("([0-9]+(?:\\.[0-9]+)?) requests per second");

    private Bench() {
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.length > 0 && args[0].equals("load")) {
            String[] rest = Arrays.copyOfRange(args, 1, args.length);
            if (List.of(rest).contains("--help")) {
                out.print(BenchLoad.USAGE);
                return Main.OK;
            }
            return BenchLoad.run(rest, env, out, err);
        }
        if (args.length == 0 || !List.of("ceiling", "cost").contains(args[0])) {
            err.print(USAGE);
            return Main.USAGE;
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                err.print(USAGE);
                return Main.USAGE;
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        String address = options.get("redis");
        if (address == null) {
            err.print(USAGE);
            return Main.USAGE;
        }
        RedisConfig config = RedisConfig.standalone(address).withKeyPrefix("sbbench:")
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10));
        try (RedisConnection redis = RedisConnection.open(config)) {
            return args[0].equals("ceiling") ? ceiling(redis, config, options, out, err) : cost(redis, options, out);
        } catch (IOException e) {
            err.println("bench: " + e.getMessage());
            return Main.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Main.FAILED;
        }
    }

    private static int ceiling(RedisConnection redis, RedisConfig config, Map<String, String> options,
                               PrintStream out, PrintStream err) throws IOException, InterruptedException {
        int sessions = Integer.parseInt(options.getOrDefault("sessions", "1000"));
        CommitScriptLoad load = CommitScriptLoad.prepare(redis, sessions, Clock.system());
        try {
            RedisConfig.Endpoint node = config.nodes().getFirst();
            List<String> command = new ArrayList<>(List.of("redis-benchmark", "-h", node.host(),
                    "-p", Integer.toString(node.port()), "-q",
                    "-n", options.getOrDefault("requests", "200000"), "-c", options.getOrDefault("clients", "50"),
                    "-P", options.getOrDefault("pipeline", "16"), "-r", Integer.toString(sessions)));
            command.addAll(load.command());
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            StringBuilder output = new StringBuilder();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    output.append(line).append('\n');
                }
            }
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                err.println("bench: redis-benchmark failed:\n" + output);
                return Main.FAILED;
            }
            String text = output.toString().replace('\r', '\n');
            String rate = null;
            Matcher m = RPS.matcher(text);
            while (m.find()) {
                rate = m.group(1); // the final summary line comes last
            }
            if (rate == null) {
                err.println("bench: no rate in redis-benchmark's output:\n" + text);
                return Main.FAILED;
            }
            long calls = commandCalls(redis);
            out.printf(Locale.ROOT, "redis-ceiling commits_per_s=%s sessions=%d evalsha_calls_total=%d%n",
                    rate, sessions, calls);
            return Main.OK;
        } finally {
            load.clear();
        }
    }

    private static int cost(RedisConnection redis, Map<String, String> options, PrintStream out) {
        int changes = Integer.parseInt(options.getOrDefault("changes", "2000"));
        for (int kib : List.of(1, 100)) {
            out.println(costAt(redis, kib, changes));
        }
        return Main.OK;
    }

    /** Commits {@code changes} small changes one after another on a state of about {@code kib} KiB. */
    static String costAt(RedisConnection redis, int kib, int changes) {
        SessionPolicy policy = SessionPolicy.DEFAULT;
        Clock clock = Clock.system();
        RedisSessionStore store = new RedisSessionStore(redis, policy, clock);
        DeviceId phone = new DeviceId("phone");
        Map<String, JsonValue> members = new LinkedHashMap<>();
        for (int i = 0; i < kib; i++) {
            members.put("block-" + i, JsonValue.of("x".repeat(1_000)));
        }
        Session session = Session.create(new SessionId("cost-" + UUID.randomUUID()), new UserId("bench-user"),
                "Cost", "bench", SessionSettings.DEFAULT, policy, clock.now());
        session = session.admit(phone, DeviceDescription.UNKNOWN, policy, clock.now()).session();
        session = session.replaceState(new JsonObject(members), new MutationId("seed"), phone, policy, clock.now())
                .session();
        store.insert(session);
        int warmUp = Math.min(200, changes);
        session = commitMany(store, session, warmUp, phone, policy, clock);
        Map<String, Long> before = stats(redis);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuBefore = threads.getCurrentThreadCpuTime();
        long wallBefore = System.nanoTime();
        session = commitMany(store, session, changes, phone, policy, clock);
        long cpu = threads.getCurrentThreadCpuTime() - cpuBefore;
        long wall = System.nanoTime() - wallBefore;
        Map<String, Long> after = stats(redis);
        store.delete(session.id());
        long calls = after.get("calls") - before.get("calls");
        return String.format(Locale.ROOT, "cost state_kib=%d changes=%d bytes_to_redis_per_change=%d"
                        + " redis_usec_per_change=%.1f client_cpu_usec_per_change=%.1f wall_usec_per_change=%.1f"
                        + " scripts_per_change=%.2f",
                kib, changes, (after.get("in") - before.get("in")) / changes,
                (double) (after.get("usec") - before.get("usec")) / changes, cpu / 1e3 / changes,
                wall / 1e3 / changes, (double) calls / changes);
    }

    private static Session commitMany(RedisSessionStore store, Session session, int count, DeviceId device,
                                      SessionPolicy policy, Clock clock) {
        Session current = session;
        for (int i = 0; i < count; i++) {
            Change change = new Change(new MutationId("m-" + UUID.randomUUID()), current.version(),
                    List.of(new PatchOperation.Add(JsonPointer.parse("/device-0-k" + (i % 16)),
                            JsonValue.of("{\"sent_ns\":123456789012345,\"pad\":\"xxxxxxxx\"}"))), device, clock.now());
            AcceptedChange accepted = current.accept(change, Optional.of(List.of()), StrictResolver.INSTANCE, policy,
                    clock.now());
            if (!store.commit(current.revision(), accepted.session(), Optional.of(accepted.applied()))) {
                throw new IllegalStateException("a benchmark commit was refused");
            }
            current = accepted.session();
        }
        return current;
    }

    /** Bytes Redis received, and the calls and microseconds of its scripts, from INFO. */
    private static Map<String, Long> stats(RedisConnection redis) {
        Map<String, Long> stats = new LinkedHashMap<>();
        stats.put("in", field(redis.info("stats"), "total_net_input_bytes"));
        String commands = redis.info("commandstats");
        long calls = 0;
        long usec = 0;
        for (String line : commands.split("\r?\n")) {
            if (line.startsWith("cmdstat_evalsha:") || line.startsWith("cmdstat_eval:")) {
                calls += number(line, "calls=");
                usec += number(line, "usec=");
            }
        }
        stats.put("calls", calls);
        stats.put("usec", usec);
        return stats;
    }

    private static long commandCalls(RedisConnection redis) {
        String commands = redis.info("commandstats");
        for (String line : commands.split("\r?\n")) {
            if (line.startsWith("cmdstat_evalsha:")) {
                return number(line, "calls=");
            }
        }
        return 0;
    }

    private static long field(String info, String name) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(name + ":")) {
                return Long.parseLong(line.substring(name.length() + 1).strip());
            }
        }
        throw new IllegalStateException("INFO has no " + name);
    }

    private static long number(String line, String key) {
        int start = line.indexOf(key) + key.length();
        int end = start;
        while (end < line.length() && Character.isDigit(line.charAt(end))) {
            end++;
        }
        return Long.parseLong(line.substring(start, end));
    }
}
