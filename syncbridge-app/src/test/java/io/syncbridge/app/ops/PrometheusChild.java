package io.syncbridge.app.ops;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncbridge.app.TestServer;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Debian's prometheus binary as a child process of the test, on a free loopback port, with its own
 * configuration and storage in the test's folder, scraping one SyncBridge server as job
 * {@code syncbridge} every second and evaluating the given rule file every second.
 */
final class PrometheusChild implements AutoCloseable {

    private static final Duration START_WAIT = Duration.ofSeconds(30);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final Process process;
    private final URI base;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CALL_TIMEOUT).build();

    private PrometheusChild(Process process, URI base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    /** Starts prometheus in {@code dir} scraping {@code target} (host:port) with the rules of {@code rules}. */
    static PrometheusChild start(Path dir, String target, Path rules) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        // scrape_timeout must not exceed the interval; its default (10 s) would.
        Path config = Files.writeString(dir.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                  evaluation_interval: 1s
                rule_files:
                  - %s
                scrape_configs:
                  - job_name: syncbridge
                    metrics_path: /metrics
                    static_configs:
                      - targets: ["%s"]
                """.formatted(rules.toAbsolutePath(), target));
        Path log = dir.resolve("prometheus.log");
        Process process = new ProcessBuilder(List.of(binary().toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + Files.createDirectories(dir.resolve("tsdb")),
                "--web.listen-address=127.0.0.1:" + port))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        PrometheusChild prometheus = new PrometheusChild(process, URI.create("http://127.0.0.1:" + port), log);
        try {
            prometheus.awaitReady();
        } catch (InterruptedException e) {
            prometheus.close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for prometheus to be ready", e);
        } catch (RuntimeException e) {
            prometheus.close();
            throw e;
        }
        return prometheus;
    }

    /**
     * The state Prometheus gives each alerting rule it has loaded, by alert name: {@code inactive},
     * {@code pending} or {@code firing}.
     */
    Map<String, String> alertStates() {
        Map<String, String> states = new TreeMap<>();
        for (JsonNode group : api("/api/v1/rules?type=alert").path("groups")) {
            group.path("rules").forEach(rule -> states.put(rule.path("name").asText(), rule.path("state").asText()));
        }
        return states;
    }

    /** The result of an instant query, now: {@code data.result} (a vector's series, or a scalar's pair). */
    JsonNode query(String promql) {
        return api("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)).path("result");
    }

    /** {@code data} of a successful API answer; fails the test with Prometheus's error otherwise. */
    private JsonNode api(String pathAndQuery) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(CALL_TIMEOUT).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode answer = TestServer.JSON.readTree(response.body());
            if (response.statusCode() != 200 || !"success".equals(answer.path("status").asText())) {
                return fail("Prometheus answered %s %s to %s", response.statusCode(), response.body(), pathAndQuery);
            }
            return answer.path("data");
        } catch (IOException e) {
            throw new IllegalStateException("asking Prometheus for " + pathAndQuery + " failed; see " + log, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted asking Prometheus for " + pathAndQuery, e);
        }
    }

    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + START_WAIT.toNanos();
        HttpRequest ready = HttpRequest.newBuilder(base.resolve("/-/ready")).timeout(CALL_TIMEOUT).build();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("prometheus exited with " + process.exitValue() + ":\n" + logText());
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // Its port opens a moment after the process starts; the deadline bounds the wait.
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("prometheus was not ready within " + START_WAIT + ":\n" + logText());
            }
            Thread.sleep(100);
        }
    }

    String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** Stops the process this test started (by its handle), forcibly if it does not stop within 10 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The prometheus on the PATH (Debian's package installs /usr/bin/prometheus; .ci/run installs it). */
    private static Path binary() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String directory : path.split(File.pathSeparator)) {
            Path candidate = directory.isEmpty() ? null : Path.of(directory, "prometheus");
            if (candidate != null && Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return fail("prometheus is not on the PATH (" + path + "). It comes with Debian's prometheus package; "
                + ".ci/run installs it when it is missing (apt-get install prometheus).");
    }
}
