package io.syncbridge.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.app.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The two-device demo end to end: the real server serves {@code /demo} and {@code /sdk/syncbridge.js}
 * from the jar; {@code clients/browser-test/demo.test.mjs} drives it in headless Chromium: one
 * device offline with 20 changes against 5 on the other, then online (both equal to GET .../state);
 * a reload while offline with changes pending (nothing lost or doubled); a handoff through the link
 * and its QR code, shown on both devices; screenshots in {@code syncbridge-app/target/}.
 *
 * <p>Needs {@code /usr/bin/chromium} and {@code npm ci} in {@code clients/browser-test/}; {@code .ci/run}
 * installs both.
 */
class DemoBrowserIT {

    private static final long SCRIPT_TIMEOUT_SECONDS = 240;

    @Test
    void twoDevicesConvergeKeepTheirQueueOverAReloadAndHandOff() throws Exception {
        Path root = TestServer.repositoryRoot();
        Path scripts = root.resolve("clients").resolve("browser-test");
        assertThat(scripts.resolve("node_modules").resolve("playwright-core"))
                .as("playwright-core is installed: run `npm ci` in clients/browser-test/").isDirectory();
        Path target = root.resolve("syncbridge-app").resolve("target");
        Files.createDirectories(target);
        Files.deleteIfExists(target.resolve("demo.png"));

        try (TestServer server = TestServer.start(false, Map.of())) {
            Path log = target.resolve("demo-test.log");
            ProcessBuilder node = new ProcessBuilder("node", "demo.test.mjs").directory(scripts.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            node.environment().putAll(Map.of("BASE_URL", server.baseUrl(), "SCREENSHOT_DIR", target.toString()));
            Process script = node.start();
            boolean finished = script.waitFor(SCRIPT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!finished) {
                script.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(finished).as("the browser script finished within %d s:%n%s", SCRIPT_TIMEOUT_SECONDS, output)
                    .isTrue();
            assertThat(script.exitValue()).as("the browser script's verdict:%n%s", output).isZero();
            assertThat(output).contains("[demo.test] PASS");
        }
        assertThat(target.resolve("demo.png")).isRegularFile();
        assertThat(Files.size(target.resolve("demo.png"))).isGreaterThan(10_000);
    }
}
