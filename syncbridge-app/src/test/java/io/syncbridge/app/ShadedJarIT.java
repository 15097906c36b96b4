package io.syncbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's run command: the shaded jar starts on a bare machine, answers, and stops on SIGTERM. */
class ShadedJarIT {

    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

    @Test
    void jarStartsServesHealthAndStopsGracefully() throws Exception {
        Path jar = Path.of("target", "syncbridge.jar");
        assertThat(jar).exists();
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-jar", jar.toString())).redirectErrorStream(true);
        builder.environment().put("SERVER_ADDR", "127.0.0.1:0");
        builder.environment().put("LOG_FORMAT", "text");
        Process process = builder.start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        List<String> all = new CopyOnWriteArrayList<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                in.lines().forEach(line -> {
                    all.add(line);
                    lines.add(line);
                });
            } catch (java.io.IOException ended) {
                all.add("<output closed: " + ended.getMessage() + ">");
            }
        });
        try {
            int port = awaitPort(lines);
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/health")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"healthy\":true");
        } finally {
            // SIGTERM through the handle: Process.destroy() would also close our end of its output.
            process.toHandle().destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s").isTrue();
            reader.join(Duration.ofSeconds(10));
        }
        String output = String.join("\n", all);
        Files.writeString(Path.of("target", "shaded-jar-it.log"), output);
        assertThat(output).contains("RUNNING IN MEMORY").contains("JWT_SECRET IS NOT SET")
                .contains("route=/health status=200").contains("gateway stopping").contains("SyncBridge stopped");
    }

    private static int awaitPort(BlockingQueue<String> lines) throws InterruptedException {
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line == null) {
                continue;
            }
            seen.append(line).append('\n');
            Matcher m = LISTENING.matcher(line);
            if (m.find() && line.contains("SyncBridge")) {
                return Integer.parseInt(m.group(1));
            }
        }
        throw new AssertionError("the jar did not report its port within 60 s; output:\n" + seen);
    }
}
