package io.syncbridge.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.app.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every metric the alert rules and the dashboard query is exported by the real server (on Redis and
 * PostgreSQL) under that exact name, once it has served a little of everything: a REST request, a
 * WebSocket change, a handoff and an offline batch.
 *
 * <p>Not checked: {@code up}, which Prometheus makes itself for every scrape target.
 */
class MetricNamesIT {

    /** Series Prometheus makes itself rather than scraping them. */
    private static final Set<String> MADE_BY_PROMETHEUS = Set.of("up");
    private static final Set<String> HISTOGRAM_SUFFIXES = Set.of("_bucket", "_count", "_sum");
    private static final Pattern EXPR = Pattern.compile("^(\\s*)(?:- )?expr:\\s*(.*)$");
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]");
    private static final Pattern TYPE = Pattern.compile("^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (\\w+)$");

    private static TestServer server;
    private static String scrape;

    @BeforeAll
    static void startAndExercise() throws Exception {
        server = TestServer.start(true, Map.of("REDIS_ADDR", TestServer.SHARED_REDIS));
        String user = "metrics-" + UUID.randomUUID();
        String session = server.createSession(user, "Metric names");
        assertThat(server.call("GET", "/v1/sessions/" + session + "/state", server.userToken(user), null).status())
                .isEqualTo(200);
        DashboardTraffic.changeHandoffAndOfflineBatch(server, user, session);
        // A GC pause is what creates jvm_gc_pause_seconds; a short test may not have had one yet.
        System.gc();
        scrape = awaitScrape("jvm_gc_pause_seconds_sum", "redis_memory_used_bytes{");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyMetricOfTheAlertRulesIsExported() throws IOException {
        Map<String, Set<String>> used = namesByExpression(alertExpressions());

        assertThat(used).as("expressions of ops/prometheus/alerts.yml").hasSizeGreaterThan(20);
        assertExported(used);
    }

    @Test
    void everyMetricOfTheDashboardIsExported() throws IOException {
        Map<String, Set<String>> used = namesByExpression(GrafanaDashboard.expressions());

        assertThat(used).as("expressions of ops/grafana/syncbridge.json").hasSizeGreaterThan(20);
        assertExported(used);
    }

    @Test
    void theRunbookMetricsCarryTheirLabels() {
        assertThat(scrape).containsPattern("(?m)^http_requests_total\\{method=\"POST\",route=\"/v1/sessions\",status=\"201\"}")
                .containsPattern("(?m)^redis_memory_max_bytes\\{node=\"127\\.0\\.0\\.1:6379\"}")
                .containsPattern("(?m)^syncbridge_dependency_up\\{dependency=\"database\"} 1\\.0")
                .containsPattern("(?m)^redis_up 1\\.0")
                .containsPattern("(?m)^cross_device_handoffs_total 1\\.0")
                .containsPattern("(?m)^user_session_retention_rate ")
                .containsPattern("(?m)^hikaricp_connections_pending\\{pool=");
    }

    /** Checks the names of each expression against the scrape; one failure lists every missing name. */
    private static void assertExported(Map<String, Set<String>> namesByExpression) {
        Set<String> samples = sampleNames(scrape);
        Map<String, String> types = declaredTypes(scrape);
        Map<String, String> missing = new TreeMap<>();
        namesByExpression.forEach((expression, names) -> {
            for (String name : names) {
                if (!MADE_BY_PROMETHEUS.contains(name) && !exported(name, samples, types)) {
                    missing.putIfAbsent(name, expression);
                }
            }
        });
        assertThat(missing).as("metric names used but not in the scrape (name -> first expression using it)")
                .isEmpty();
    }

    /** Exported as a sample, or a histogram series whose histogram the scrape declares. */
    private static boolean exported(String name, Set<String> samples, Map<String, String> types) {
        if (samples.contains(name)) {
            return true;
        }
        for (String suffix : HISTOGRAM_SUFFIXES) {
            if (name.endsWith(suffix)) {
                String base = name.substring(0, name.length() - suffix.length());
                return "histogram".equals(types.get(base));
            }
        }
        return false;
    }

    private static Map<String, Set<String>> namesByExpression(List<String> expressions) {
        Map<String, Set<String>> names = new TreeMap<>();
        for (String expression : expressions) {
            Set<String> found = PromQlNames.of(expression);
            assertThat(found).as("metric names in %s", expression).isNotEmpty();
            names.put(expression, found);
        }
        return names;
    }

    /** The {@code expr} of every rule, block scalars ({@code expr: |}) included. */
    private static List<String> alertExpressions() throws IOException {
        List<String> lines = Files.readAllLines(TestServer.repositoryRoot().resolve(Path.of("ops", "prometheus",
                "alerts.yml")), StandardCharsets.UTF_8);
        List<String> expressions = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher expr = EXPR.matcher(lines.get(i));
            if (!expr.matches()) {
                continue;
            }
            String value = expr.group(2).strip();
            if (value.startsWith("|") || value.startsWith(">")) {
                int indent = expr.group(1).length();
                StringBuilder block = new StringBuilder();
                while (i + 1 < lines.size() && (lines.get(i + 1).isBlank()
                        || lines.get(i + 1).length() - lines.get(i + 1).stripLeading().length() > indent)) {
                    block.append(lines.get(++i).strip()).append('\n');
                }
                value = block.toString().strip();
            } else if (value.length() > 1 && (value.startsWith("'") || value.startsWith("\""))) {
                value = value.substring(1, value.length() - 1);
            }
            expressions.add(value);
        }
        return expressions;
    }

    private static Set<String> sampleNames(String text) {
        Set<String> names = new TreeSet<>();
        text.lines().map(SAMPLE::matcher).filter(Matcher::find).forEach(m -> names.add(m.group(1)));
        return names;
    }

    private static Map<String, String> declaredTypes(String text) {
        Map<String, String> types = new TreeMap<>();
        text.lines().map(TYPE::matcher).filter(Matcher::matches).forEach(m -> types.put(m.group(1), m.group(2)));
        return types;
    }

    /** Scrapes until every fragment is there (background figures arrive soon after start), at most 15 s. */
    private static String awaitScrape(String... fragments) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            TestServer.Reply reply = server.call("GET", "/metrics", null, null);
            assertThat(reply.status()).isEqualTo(200);
            boolean complete = java.util.Arrays.stream(fragments).allMatch(reply.text()::contains);
            if (complete || System.nanoTime() > deadline) {
                return reply.text();
            }
            Thread.sleep(100);
        }
    }
}
