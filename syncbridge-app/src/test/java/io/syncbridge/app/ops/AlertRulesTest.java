package io.syncbridge.app.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the monitoring files in ops/ with promtool: the alert rules are valid, unit-tested, documented
 * in the runbook, and the Grafana dashboard's queries are valid PromQL.
 */
class AlertRulesTest {

    private static final Path RULES = Path.of("ops", "prometheus", "alerts.yml");
    private static final Path RULE_TESTS = Path.of("ops", "prometheus", "alerts_test.yml");
    private static final Path EXAMPLE_CONFIG = Path.of("ops", "prometheus", "prometheus.yml");
    private static final Path RUNBOOK = Path.of("docs", "operations.md");
    private static final Path DASHBOARD = Path.of("ops", "grafana", "syncbridge.json");

    private static final Pattern ALERT = Pattern.compile("^\\s*- alert: (\\S+)\\s*$", Pattern.MULTILINE);
    private static final Pattern SEVERITY = Pattern.compile("^\\s*severity: (\\S+)\\s*$", Pattern.MULTILINE);
    private static final Pattern RUNBOOK_URL =
            Pattern.compile("^\\s*runbook_url: \"[^\"#]*docs/operations\\.md#([^\"]+)\"\\s*$", Pattern.MULTILINE);
    private static final Pattern CASE =
            Pattern.compile("^\\s*alertname: (\\S+)\\s*\\n\\s*exp_alerts:(.*)$", Pattern.MULTILINE);

    private final Path root = repositoryRoot();

    @Test
    void alertRulesAreValid() {
        assertPromtoolSucceeds("check", "rules", RULES.toString());
    }

    @Test
    void alertRulesPassTheirUnitTests() {
        assertPromtoolSucceeds("test", "rules", RULE_TESTS.toString());
    }

    @Test
    void exampleScrapeConfigIsValid() {
        assertPromtoolSucceeds("check", "config", EXAMPLE_CONFIG.toString());
    }

    @Test
    void everyAlertHasASeveritySummaryDescriptionAndRunbookLink() {
        Map<String, String> rules = ruleBlocks();
        assertThat(rules).as("alerts in %s", RULES).isNotEmpty();
        rules.forEach((alert, block) -> {
            Matcher severity = SEVERITY.matcher(block);
            assertThat(severity.find()).as("%s has a severity label", alert).isTrue();
            assertThat(severity.group(1)).as("severity of %s", alert).isIn("warning", "critical");
            assertThat(block).as("annotations of %s", alert).contains("summary: ", "description: ");
            assertThat(RUNBOOK_URL.matcher(block).find())
                    .as("%s has a runbook_url into docs/operations.md", alert).isTrue();
        });
    }

    @Test
    void everyRunbookLinkPointsAtAHeadingOfTheRunbook() throws IOException {
        Set<String> anchors = headingAnchors(Files.readString(root.resolve(RUNBOOK), StandardCharsets.UTF_8));
        ruleBlocks().forEach((alert, block) -> {
            Matcher link = RUNBOOK_URL.matcher(block);
            assertThat(link.find()).as("%s has a runbook_url", alert).isTrue();
            assertThat(anchors).as("headings of %s (linked from %s)", RUNBOOK, alert).contains(link.group(1));
        });
    }

    @Test
    void everyAlertHasAFiringAndANotFiringUnitTest() throws IOException {
        String tests = Files.readString(root.resolve(RULE_TESTS), StandardCharsets.UTF_8);
        Set<String> firing = new TreeSet<>();
        Set<String> quiet = new TreeSet<>();
        Matcher testCase = CASE.matcher(tests);
        while (testCase.find()) {
            (testCase.group(2).trim().equals("[]") ? quiet : firing).add(testCase.group(1));
        }
        Set<String> alerts = ruleBlocks().keySet();
        assertThat(firing).as("alerts with a case where they fire").containsAll(alerts);
        assertThat(quiet).as("alerts with a case where they stay quiet").containsAll(alerts);
        assertThat(alerts).as("alerts named by the tests must exist").containsAll(firing).containsAll(quiet);
    }

    @Test
    void dashboardQueriesAreValidPromQL(@TempDir Path scratch) throws IOException {
        List<String> queries = dashboardTargets().stream().map(target -> target.path("expr").asText()).toList();
        assertThat(queries).as("queries of %s", DASHBOARD).isNotEmpty().doesNotContain("");
        // promtool parses expressions in rule files: each query becomes a recording rule, with
        // Grafana's variables replaced by what they expand to.
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        for (int i = 0; i < queries.size(); i++) {
            String promql = queries.get(i).replace("$__rate_interval", "5m")
                    .replace("$job", ".*").replace("$instance", ".*");
            rules.append("      - record: dashboard:query").append(i).append('\n')
                    .append("        expr: ").append(new ObjectMapper().writeValueAsString(promql)).append('\n');
        }
        Path file = Files.writeString(scratch.resolve("dashboard-queries.yml"), rules);
        assertPromtoolSucceeds("check", "rules", file.toString());
    }

    @Test
    void everyDashboardQueryUsesTheImportedPrometheusDataSource() {
        List<JsonNode> targets = dashboardTargets();
        assertThat(targets).isNotEmpty();
        targets.forEach(target -> assertThat(target.path("datasource").path("uid").asText())
                .as("data source of %s", target.path("expr").asText()).isEqualTo("${DS_PROMETHEUS}"));
    }

    /** Every query target of every panel of the dashboard, rows included. */
    private List<JsonNode> dashboardTargets() {
        JsonNode dashboard;
        try {
            dashboard = new ObjectMapper().readTree(root.resolve(DASHBOARD).toFile());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DASHBOARD, e);
        }
        List<JsonNode> targets = new ArrayList<>();
        collectTargets(dashboard.path("panels"), targets);
        return targets;
    }

    private static void collectTargets(JsonNode panels, List<JsonNode> targets) {
        for (JsonNode panel : panels) {
            panel.path("targets").forEach(targets::add);
            collectTargets(panel.path("panels"), targets);
        }
    }

    /** Each alert's name with the text of its rule, in file order. */
    private Map<String, String> ruleBlocks() {
        String rules;
        try {
            rules = Files.readString(root.resolve(RULES), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RULES, e);
        }
        Map<String, String> blocks = new LinkedHashMap<>();
        Matcher alert = ALERT.matcher(rules);
        List<Integer> starts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        while (alert.find()) {
            starts.add(alert.start());
            names.add(alert.group(1));
        }
        for (int i = 0; i < names.size(); i++) {
            int end = i + 1 < starts.size() ? starts.get(i + 1) : rules.length();
            String previous = blocks.put(names.get(i), rules.substring(starts.get(i), end));
            assertThat(previous).as("alert %s is defined once", names.get(i)).isNull();
        }
        return blocks;
    }

    /** The anchors GitHub gives the Markdown headings (outside code blocks) of a document. */
    static Set<String> headingAnchors(String markdown) {
        Set<String> anchors = new TreeSet<>();
        boolean inCode = false;
        for (String line : markdown.split("\n")) {
            if (line.startsWith("```")) {
                inCode = !inCode;
            } else if (!inCode && line.matches("#{1,6} .*")) {
                String title = line.replaceFirst("#{1,6} ", "").trim().toLowerCase(Locale.ROOT);
                anchors.add(title.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
            }
        }
        return anchors;
    }

    private void assertPromtoolSucceeds(String... arguments) {
        Path promtool = promtool();
        List<String> command = new ArrayList<>();
        command.add(promtool.toString());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
        try {
            Process process = builder.start();
            // promtool's output is small: reading it to the end before waiting cannot dead-lock.
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                fail("%s did not finish within 2 minutes; output so far:%n%s", command, output);
            }
            assertThat(process.exitValue())
                    .as("exit code of %s in %s; its output:%n%s", String.join(" ", command), root, output)
                    .isZero();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    private static Path promtool() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String directory : path.split(File.pathSeparator)) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(directory, "promtool");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return fail("promtool is not on the PATH (" + path + "). It comes with Debian's prometheus package; "
                + ".ci/run installs it when it is missing (apt-get install prometheus).");
    }

    /** The checkout's top folder: the nearest folder above the working directory that holds ops/. */
    private static Path repositoryRoot() {
        Path start = Path.of("").toAbsolutePath();
        for (Path folder = start; folder != null; folder = folder.getParent()) {
            if (Files.isDirectory(folder.resolve("ops"))) {
                return folder;
            }
        }
        return fail("no folder containing ops/ above " + start);
    }
}
