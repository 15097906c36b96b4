package io.syncbridge.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.adapter.javalin.ws.WsClient;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.UserId;
import io.syncbridge.port.in.Caller;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The live console end to end: the real server (live state in Redis) with a session whose two
 * devices are connected over WebSocket; {@code console-test/console.test.mjs} opens {@code /console}
 * in headless Chromium with the operator's credential, makes an update and a handoff through the
 * REST API and checks that both appear on the page, then saves a screenshot
 * ({@code syncbridge-app/target/console.png}).
 *
 * <p>Needs {@code /usr/bin/chromium} (Debian's {@code chromium}) and {@code npm ci} in
 * {@code console-test/}; {@code .ci/run} installs both.
 */
class ConsoleBrowserIT {

    private static final String CONSOLE_USER = "operator";
    private static final String CONSOLE_PASSWORD = "console-test-password-1";
    private static final long SCRIPT_TIMEOUT_SECONDS = 120;

    @Test
    void showsAnUpdateAndAHandoffMadeThroughTheApiAsTheyHappen() throws Exception {
        Path root = RunningServer.repositoryRoot();
        Path scripts = root.resolve("console-test");
        assertThat(scripts.resolve("node_modules").resolve("playwright-core"))
                .as("playwright-core is installed: run `npm ci` in console-test/").isDirectory();
        Path screenshot = root.resolve("syncbridge-app").resolve("target").resolve("console.png");
        Files.createDirectories(screenshot.getParent());
        Files.deleteIfExists(screenshot);

        try (RunningServer server = RunningServer.start(false, Map.of("REDIS_ADDR", RunningServer.REDIS,
                "CONSOLE_USER", CONSOLE_USER, "CONSOLE_PASSWORD", CONSOLE_PASSWORD))) {
            String user = "ann-" + UUID.randomUUID().toString().substring(0, 8);
            String session = server.createSession(user, "Evening breathing");
            String other = "bo-" + UUID.randomUUID().toString().substring(0, 8);
            String otherSession = server.createSession(other, "Morning run");
            try (WsClient phone = server.join(user, session, "phone", "ios", "Ann's iPhone");
                 WsClient laptop = server.join(user, session, "laptop", "desktop", "Ann's laptop");
                 WsClient watch = server.join(other, otherSession, "watch", "android", "Bo's watch")) {
                watch.send(RunningServer.change("r-1", 0, "/km", 3.2));
                assertThat(watch.await(12).path("payload").path("version").asLong()).isEqualTo(1);
                phone.send(RunningServer.change("m-1", 0, "/exercise", "box breathing, round 2"));
                assertThat(phone.await(12).path("payload").path("version").asLong()).isEqualTo(1);
                assertThat(activeDevice(server, user, session)).isEqualTo("phone");

                Path log = root.resolve("syncbridge-app").resolve("target").resolve("console-test.log");
                ProcessBuilder node = new ProcessBuilder("node", "console.test.mjs").directory(scripts.toFile())
                        .redirectErrorStream(true).redirectOutput(log.toFile());
                node.environment().putAll(Map.of("BASE_URL", server.baseUrl(), "CONSOLE_USER", CONSOLE_USER,
                        "CONSOLE_PASSWORD", CONSOLE_PASSWORD, "SESSION_ID", session,
                        "USER_TOKEN", server.userToken(user), "FROM_DEVICE", "phone", "TO_DEVICE", "laptop",
                        "SCREENSHOT", screenshot.toString()));
                Process script = node.start();
                boolean finished = script.waitFor(SCRIPT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                if (!finished) {
                    script.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
                String output = Files.readString(log, StandardCharsets.UTF_8);
                assertThat(finished).as("the browser script finished within %d s:%n%s", SCRIPT_TIMEOUT_SECONDS, output)
                        .isTrue();
                assertThat(script.exitValue()).as("the browser script's verdict:%n%s", output).isZero();
                assertThat(output).contains("[console.test] PASS");
            }
            Session after = server.app.core().sessions().get(Caller.user(new UserId(user)), SessionId.scoped(new UserId(user), session));
            assertThat(after.version()).as("the script's update went through").isEqualTo(2);
            assertThat(after.activeDevice()).as("the script's handoff went through").contains(new DeviceId("laptop"));
            assertThat(screenshot).isRegularFile();
            assertThat(Files.size(screenshot)).isGreaterThan(10_000);
        }
    }

    private static String activeDevice(RunningServer server, String user, String session) {
        return server.app.core().sessions().get(Caller.user(new UserId(user)), SessionId.scoped(new UserId(user), session))
                .activeDevice().map(DeviceId::value).orElse("");
    }
}
