package io.syncbridge.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncbridge.adapter.javalin.ws.Eventually;
import io.syncbridge.adapter.redis.RedisServerProcess;
import io.syncbridge.app.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's Prometheus, loaded with the alert rules of ops/prometheus/alerts.yml, scrapes a real
 * server on PostgreSQL and a Redis of the test's own: stopping that Redis fires RedisDown and, through
 * the 503s the server then answers REST changes with, the error-rate alerts; all of them resolve once
 * Redis is back. Afterwards every query of the Grafana dashboard returns data from that Prometheus.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrometheusEndToEndIT {

    private static final Path RULES = Path.of("ops", "prometheus", "alerts.yml");
    private static final Path DASHBOARD = GrafanaDashboard.FILE;
    /** What every {@code for:} of the rules becomes: long enough to see the alert pending, short enough to wait for. */
    private static final String SHORT_FOR = "4s";
    /** What every range window ({@code [5m]}) of the rules becomes: ten scrapes at the test's 1 s interval. */
    private static final String SHORT_WINDOW = "10s";
    private static final Pattern FOR_LINE = Pattern.compile("(?m)^(\\s*for:\\s*)\\d+[smh]\\s*$");
    private static final Pattern RANGE = Pattern.compile("\\[\\d+[smh]]");
    private static final Duration WAIT = Duration.ofSeconds(45);
    /**
     * The one series that is NaN here by definition: the share of sessions created 5 min to 24 h ago
     * that were used again, and this server is younger than 5 minutes. Its queries must still return it.
     */
    private static final String RETENTION = "user_session_retention_rate";
    private static final Set<String> OUTAGE_ALERTS = Set.of("RedisDown", "ServerErrorRateHigh", "ServerErrorRateCritical");

    @TempDir
    private static Path dir;
    private static RedisServerProcess redis;
    private static TestServer server;
    private static PrometheusChild prometheus;
    private static long prometheusStarted;

    @BeforeAll
    static void start() throws IOException {
        redis = RedisServerProcess.startAppendOnly(Files.createDirectories(dir.resolve("redis")));
        server = TestServer.start(true, Map.of("REDIS_ADDR", redis.address()));
        Path rules = Files.writeString(dir.resolve("alerts-short.yml"), shortened(
                Files.readString(TestServer.repositoryRoot().resolve(RULES), StandardCharsets.UTF_8)));
        prometheusStarted = System.nanoTime();
        prometheus = PrometheusChild.start(Files.createDirectories(dir.resolve("prometheus")),
                "127.0.0.1:" + server.app.port(), rules);
        Eventually.until("Prometheus scrapes the server", WAIT,
                () -> prometheus.query("up{job=\"syncbridge\"} == 1").size() == 1);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        try {
            if (prometheus != null) {
                prometheus.close();
            }
        } finally {
            try {
                if (server != null) {
                    server.close();
                }
            } finally {
                if (redis != null) {
                    redis.close();
                }
            }
        }
    }

    @Test
    @Order(1)
    void aRedisOutageFiresRedisDownAndTheErrorRateAlertsWhichResolveOnceRedisIsBack() throws Exception {
        exercise();
        Map<String, String> before = prometheus.alertStates();
        assertThat(before).as("alerting rules loaded from the shortened copy of %s", RULES)
                .containsKeys(OUTAGE_ALERTS.toArray(String[]::new)).containsKey("SyncBridgeDown");
        OUTAGE_ALERTS.forEach(alert -> assertThat(before.get(alert)).as("%s before the outage", alert)
                .isEqualTo("inactive"));

        String user = "prom-outage-" + UUID.randomUUID();
        String session = server.createSession(user, "Outage");
        Map<String, List<String>> seen;
        redis.stop();
        try (FailingWrites writes = new FailingWrites(user, session)) {
            seen = watchAlertsUntil(state -> OUTAGE_ALERTS.stream().allMatch(a -> "firing".equals(state.get(a))));
            assertThat(writes.statuses()).as("statuses of the REST changes sent while Redis was down")
                    .containsKey(503).allSatisfy((status, count) -> assertThat(status).isGreaterThanOrEqualTo(500));
        }
        OUTAGE_ALERTS.forEach(alert -> assertThat(seen.get(alert)).as("states of %s during the outage", alert)
                .containsSubsequence("inactive", "pending", "firing"));

        redis.start();
        Map<String, List<String>> after = watchAlertsUntil(state ->
                OUTAGE_ALERTS.stream().allMatch(a -> "inactive".equals(state.get(a))));
        OUTAGE_ALERTS.forEach(alert -> assertThat(after.get(alert)).as("states of %s after Redis returned", alert)
                .startsWith("firing").endsWith("inactive"));
        assertThat(seen.get("SyncBridgeDown")).as("the server itself was scraped all along")
                .containsOnly("inactive");
        assertThat(after.get("SyncBridgeDown")).containsOnly("inactive");
    }

    @Test
    @Order(2)
    void everyDashboardQueryReturnsDataFromThatPrometheus() throws Exception {
        exercise();
        exercise();
        // Grafana's $__rate_interval becomes the time since Prometheus started, so that every rate
        // covers all that the test made the server do; $job and $instance expand as the dashboard's
        // defaults do (job syncbridge, all instances).
        long seconds = Duration.ofNanos(System.nanoTime() - prometheusStarted).toSeconds() + 5;
        List<String> queries = new ArrayList<>();
        for (String expression : GrafanaDashboard.expressions()) {
            queries.add(expression.replace("$__rate_interval", seconds + "s").replace("$job", "syncbridge")
                    .replace("$instance", ".*"));
        }
        assertThat(queries).as("queries of %s", DASHBOARD).hasSizeGreaterThan(20);

        // The last exercise has to be scraped (twice, for a rate) before every query can see it.
        Map<String, String> withoutData = new TreeMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        do {
            withoutData.clear();
            for (String query : queries) {
                JsonNode result = prometheus.query(query);
                boolean nanByDefinition = query.contains(RETENTION);
                if (result.isEmpty() || !nanByDefinition && !hasANumber(result)) {
                    withoutData.put(query, result.toString());
                }
            }
            if (!withoutData.isEmpty()) {
                Thread.sleep(500);
            }
        } while (!withoutData.isEmpty() && System.nanoTime() < deadline);
        assertThat(withoutData).as("dashboard queries without a number in their result (query -> result)").isEmpty();
        assertThat(queries).as("queries of the retention figure").anyMatch(query -> query.contains(RETENTION));
    }

    /**
     * The rules of alerts.yml with every {@code for:} cut to {@link #SHORT_FOR} and every range
     * window to {@link #SHORT_WINDOW}, since the test cannot wait minutes. Nothing else changes:
     * the expressions, thresholds and labels are those of the real file.
     */
    static String shortened(String rules) {
        int alerts = Pattern.compile("(?m)^\\s*- alert: ").matcher(rules).results().mapToInt(m -> 1).sum();
        Matcher forLines = FOR_LINE.matcher(rules);
        assertThat(forLines.results().count()).as("for: lines of %s, one per alert", RULES).isEqualTo(alerts);
        String shortened = RANGE.matcher(FOR_LINE.matcher(rules).replaceAll("$1" + SHORT_FOR))
                .replaceAll("[" + SHORT_WINDOW + "]");
        List<String> original = rules.lines().toList();
        List<String> changed = shortened.lines().toList();
        assertThat(changed).hasSameSizeAs(original);
        for (int i = 0; i < original.size(); i++) {
            if (!original.get(i).equals(changed.get(i))) {
                assertThat(RANGE.matcher(original.get(i)).replaceAll("[" + SHORT_WINDOW + "]")
                        .replaceFirst("^(\\s*for:\\s*)\\d+[smh]\\s*$", "$1" + SHORT_FOR))
                        .as("line %d of the shortened rules differs only in for: and range windows", i + 1)
                        .isEqualTo(changed.get(i));
            }
        }
        return shortened;
    }

    /**
     * Reads every alert's state every 100 ms until {@code done} holds for them (at most {@link #WAIT}):
     * the states each alert went through, in order, repeats left out.
     */
    private static Map<String, List<String>> watchAlertsUntil(java.util.function.Predicate<Map<String, String>> done)
            throws InterruptedException {
        Map<String, List<String>> seen = new TreeMap<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Map<String, String> states = prometheus.alertStates();
            states.forEach((alert, state) -> {
                List<String> history = seen.computeIfAbsent(alert, a -> new ArrayList<>());
                if (history.isEmpty() || !history.getLast().equals(state)) {
                    history.add(state);
                }
            });
            if (done.test(states)) {
                return seen;
            }
            assertThat(System.nanoTime()).as("alert states within %s; seen so far: %s%nPrometheus log:%n%s",
                    WAIT, seen, prometheus.logText()).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /**
     * A little of everything the dashboard shows: sessions made and listed over REST, a refused
     * request (4xx), a full state read, two devices connected, a change, a handoff, an offline batch,
     * and a garbage collection (what creates the GC pause series).
     */
    private static void exercise() {
        String user = "prom-" + UUID.randomUUID();
        String session = server.createSession(user, "Prometheus end to end");
        assertThat(server.call("GET", "/v1/sessions/" + session + "/state", server.userToken(user), null).status())
                .isEqualTo(200);
        assertThat(server.call("GET", "/v1/sessions", server.userToken(user), null).status()).isEqualTo(200);
        assertThat(server.call("GET", "/v1/sessions", null, null).status()).isEqualTo(401);
        DashboardTraffic.changeHandoffAndOfflineBatch(server, user, session);
        System.gc();
    }

    /** Whether an instant query's result holds a series with a value that is a number, not NaN. */
    private static boolean hasANumber(JsonNode result) {
        for (JsonNode series : result) {
            JsonNode value = series.path("value");
            String text = value.isArray() ? value.path(1).asText() : "";
            if (!text.isEmpty() && !text.equals("NaN")) {
                return true;
            }
        }
        return false;
    }

    /**
     * REST changes sent every 50 ms on a thread of their own while Redis is down (each one a 503 the
     * error-rate alerts count), spread over many scrapes because a rate needs the counter to grow
     * between two of them.
     */
    private static final class FailingWrites implements AutoCloseable {

        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        private final Thread thread;
        private volatile RuntimeException failure;

        /** Starts writing to {@code session} of {@code user}. */
        FailingWrites(String user, String session) {
            String token = server.userToken(user);
            thread = Thread.ofVirtual().name("failing-writes").start(() -> {
                int n = 0;
                while (running.get()) {
                    try {
                        int status = server.call("PATCH", "/v1/sessions/" + session + "/state/delta", token,
                                Map.of("baseVersion", 0, "mutationId", "outage-" + n++, "operations",
                                        List.of(Map.of("op", "add", "path", "/during", "value", "outage")))).status();
                        statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    } catch (RuntimeException e) {
                        failure = e;
                        return;
                    }
                }
            });
        }

        /** How many answers of each status the writes got. */
        Map<Integer, Integer> statuses() {
            if (failure != null) {
                throw new IllegalStateException("a REST change during the outage failed", failure);
            }
            Map<Integer, Integer> counts = new LinkedHashMap<>();
            statuses.forEach((status, count) -> counts.put(status, count.get()));
            return counts;
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(Duration.ofSeconds(15));
        }
    }
}
