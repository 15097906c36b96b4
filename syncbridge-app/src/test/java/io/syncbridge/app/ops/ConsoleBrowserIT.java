package io.syncbridge.app.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.syncbridge.adapter.javalin.ws.WsClient;
import io.syncbridge.app.TestServer;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.UserId;
import io.syncbridge.port.in.Caller;
import io.syncbridge.port.out.OperatorAudit;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The live console end to end: the real server (live state in Redis) with a session whose two
 * devices are connected over WebSocket; {@code console-test/console.test.mjs} opens {@code /console}
 * in headless Chromium with the operator's credential, makes an update and a handoff through the
 * REST API and checks that both appear on the page, searches by the owner, makes a load of changes
 * and waits for the charts to show it, then opens the session's page, connects a third device over
 * a real WebSocket and removes it there (confirm step cancelled once, then confirmed), seeing its
 * socket closed. It saves screenshots ({@code syncbridge-app/target/console*.png}); this test then
 * checks in the core that the removal went through and was recorded in the operator audit.
 *
 * <p>Needs {@code /usr/bin/chromium} (Debian's {@code chromium}) and {@code npm ci} in
 * {@code console-test/}; {@code .ci/run} installs both.
 */
class ConsoleBrowserIT {

    private static final String CONSOLE_USER = "operator";
    private static final String CONSOLE_PASSWORD = "console-test-password-1";
    private static final long SCRIPT_TIMEOUT_SECONDS = 180;
    private static final int LOAD_CHANGES = 40;

    @Test
    void showsChangesAsTheyHappenFindsSessionsChartsALoadAndRemovesADeviceClosingItsSocket() throws Exception {
        Path root = TestServer.repositoryRoot();
        Path scripts = root.resolve("console-test");
        assertThat(scripts.resolve("node_modules").resolve("playwright-core"))
                .as("playwright-core is installed: run `npm ci` in console-test/").isDirectory();
        Path target = root.resolve("syncbridge-app").resolve("target");
        Path screenshot = target.resolve("console.png");
        Path sessionScreenshot = target.resolve("console-session.png");
        Path confirmScreenshot = target.resolve("console-confirm.png");
        Files.createDirectories(target);
        for (Path picture : List.of(screenshot, sessionScreenshot, confirmScreenshot)) {
            Files.deleteIfExists(picture);
        }

        try (TestServer server = TestServer.start(false, Map.of("REDIS_ADDR", TestServer.SHARED_REDIS,
                "CONSOLE_USER", CONSOLE_USER, "CONSOLE_PASSWORD", CONSOLE_PASSWORD))) {
            String user = "ann-" + UUID.randomUUID().toString().substring(0, 8);
            String session = server.createSession(user, "Evening breathing");
            String other = "bo-" + UUID.randomUUID().toString().substring(0, 8);
            String otherSession = server.createSession(other, "Morning run");
            try (WsClient phone = server.join(user, session, "phone", "ios", "Ann's iPhone");
                 WsClient laptop = server.join(user, session, "laptop", "desktop", "Ann's laptop");
                 WsClient watch = server.join(other, otherSession, "watch", "android", "Bo's watch")) {
                watch.send(TestServer.change("r-1", 0, "/km", 3.2));
                assertThat(watch.await(12).path("payload").path("version").asLong()).isEqualTo(1);
                phone.send(TestServer.change("m-1", 0, "/exercise", "box breathing, round 2"));
                assertThat(phone.await(12).path("payload").path("version").asLong()).isEqualTo(1);
                assertThat(activeDevice(server, user, session)).isEqualTo("phone");
                server.app.core().snapshots().create(Caller.user(new UserId(user)),
                        SessionId.scoped(new UserId(user), session), "round 2 started");

                Path log = root.resolve("syncbridge-app").resolve("target").resolve("console-test.log");
                // Node 20 has a WebSocket client behind this flag (Node 22 has it by default and accepts the flag).
                ProcessBuilder node = new ProcessBuilder("node", "--experimental-websocket", "console.test.mjs")
                        .directory(scripts.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
                String tabletToken = server.app.tokens().issueSessionToken(new UserId(user),
                        SessionId.scoped(new UserId(user), session), new DeviceId("tablet")).token();
                node.environment().putAll(Map.ofEntries(Map.entry("BASE_URL", server.baseUrl()),
                        Map.entry("CONSOLE_USER", CONSOLE_USER), Map.entry("CONSOLE_PASSWORD", CONSOLE_PASSWORD),
                        Map.entry("SESSION_ID", session), Map.entry("OWNER", user),
                        Map.entry("OTHER_SESSION_ID", otherSession), Map.entry("USER_TOKEN", server.userToken(user)),
                        Map.entry("FROM_DEVICE", "phone"), Map.entry("TO_DEVICE", "laptop"),
                        Map.entry("REMOVED_DEVICE", "tablet"), Map.entry("REMOVED_DEVICE_TOKEN", tabletToken),
                        Map.entry("LOAD_CHANGES", Integer.toString(LOAD_CHANGES)),
                        Map.entry("SCREENSHOT", screenshot.toString()),
                        Map.entry("SCREENSHOT_SESSION", sessionScreenshot.toString()),
                        Map.entry("SCREENSHOT_CONFIRM", confirmScreenshot.toString())));
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
            assertThat(after.version()).as("the script's update and load went through").isEqualTo(2 + LOAD_CHANGES);
            assertThat(after.activeDevice()).as("the script's handoff went through").contains(new DeviceId("laptop"));
            assertThat(after.devices().contains(new DeviceId("tablet"))).as("the console removed the tablet").isFalse();
            assertThat(server.app.core().operatorActions().recentActions(10))
                    .extracting(OperatorAudit.OperatorAction::operator, OperatorAudit.OperatorAction::kind,
                            OperatorAudit.OperatorAction::subject)
                    .containsExactly(tuple(CONSOLE_USER, OperatorAudit.ActionKind.REMOVE_DEVICE, "tablet"));
            for (Path picture : List.of(screenshot, sessionScreenshot, confirmScreenshot)) {
                assertThat(picture).isRegularFile();
                assertThat(Files.size(picture)).as("%s holds a picture", picture).isGreaterThan(10_000);
            }
        }
    }

    private static String activeDevice(TestServer server, String user, String session) {
        return server.app.core().sessions().get(Caller.user(new UserId(user)), SessionId.scoped(new UserId(user), session))
                .activeDevice().map(DeviceId::value).orElse("");
    }
}
