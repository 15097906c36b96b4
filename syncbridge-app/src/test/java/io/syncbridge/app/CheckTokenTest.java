package io.syncbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code checktoken} verifies with the configured key, says what a token may reach, and refuses what the server refuses. */
class CheckTokenTest {

    private static final Map<String, String> ENV = Map.of("JWT_SECRET", "check-token-secret-0123456789abcdef0123");

    private record Run(int code, String out, String err) {
    }

    private static Run run(Map<String, String> env, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = CheckToken.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                Config.from(env), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String deviceToken() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"token", "--user", "alice", "--session", "yoga-1", "--device", "phone"}, ENV,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
        assertThat(code).isEqualTo(Main.OK);
        return out.toString(StandardCharsets.UTF_8).trim();
    }

    @Test
    void printsTheClaimsOfADeviceTokenAndThatItReachesOnlyItsSession() {
        Run result = run(ENV, "", deviceToken());

        assertThat(result.code()).as(result.err()).isEqualTo(Main.OK);
        assertThat(result.out()).contains("user:        alice").contains("session:     yoga-1 (stored as alice/yoga-1)")
                .contains("device:      phone").contains("its own session, as its own device only")
                .contains("never:       the session list");
    }

    @Test
    void readsTheTokenFromStandardInputWithADash() {
        Run result = run(ENV, deviceToken() + "\n", "-");

        assertThat(result.code()).isEqualTo(Main.OK);
        assertThat(result.out()).contains("device:      phone");
    }

    @Test
    void refusesATokenSignedWithAnotherKeyAsTheServerWould() {
        String token = deviceToken();

        Run result = run(Map.of("JWT_SECRET", "another-secret-entirely-0123456789abcdef"), "", token);

        assertThat(result.code()).isEqualTo(1);
        assertThat(result.out()).startsWith("refused: INVALID_TOKEN");
    }

    @Test
    void refusesATamperedToken() {
        String token = deviceToken();
        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");

        assertThat(run(ENV, "", tampered).out()).startsWith("refused: INVALID_TOKEN");
    }

    @Test
    void needsTheServersKeyAndOneToken() {
        assertThat(run(Map.of(), "", deviceToken()).code()).isEqualTo(2);
        assertThat(run(ENV, "").code()).isEqualTo(2);
        assertThat(run(ENV, "", "a", "b").err()).contains("give the token");
    }
}
