package io.syncbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.adapter.jwt.HmacAccessTokens;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.UserId;
import io.syncbridge.port.out.TokenClaims;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MainTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return Main.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsTheVersion() {
        assertThat(run(Map.of(), "version")).isEqualTo(Main.OK);
        assertThat(out()).startsWith("syncbridge ");
    }

    @Test
    void mintsASessionScopedTokenTheServerAccepts() throws Exception {
        int code = run(Map.of("JWT_SECRET", SECRET), "token", "--user", "alice", "--session", "morning-yoga",
                "--device", "phone");

        TokenClaims claims = new HmacAccessTokens(SECRET.getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(15),
                Clock.systemUTC()).verify(out().trim());
        assertThat(code).isEqualTo(Main.OK);
        assertThat(claims.user()).isEqualTo(new UserId("alice"));
        assertThat(claims.session()).contains(SessionId.scoped(new UserId("alice"), "morning-yoga"));
        assertThat(claims.device()).contains(new DeviceId("phone"));
    }

    @Test
    void tokenLifetimeCanBeChosen() throws Exception {
        run(Map.of("JWT_SECRET", SECRET), "token", "--user", "a", "--session", "s", "--device", "d", "--ttl", "12h");

        TokenClaims claims = new HmacAccessTokens(SECRET.getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(15),
                Clock.systemUTC()).verify(out().trim());
        assertThat(Duration.between(Instant.now(), claims.expiresAt())).isGreaterThan(Duration.ofHours(11));
    }

    @Test
    void refusesToMintWithoutAConfiguredKey() {
        int code = run(Map.of(), "token", "--user", "a", "--session", "s", "--device", "d");

        assertThat(code).isEqualTo(Main.USAGE);
        assertThat(err()).contains("JWT_SECRET");
        assertThat(out()).isEmpty();
    }

    @Test
    void tokenNeedsUserSessionAndDevice() {
        assertThat(run(Map.of("JWT_SECRET", SECRET), "token", "--user", "a")).isEqualTo(Main.USAGE);
        assertThat(err()).contains("--user, --session and --device are required");
    }

    @Test
    void refusesAnIdWithCharactersIdsMayNotHave() {
        int code = run(Map.of("JWT_SECRET", SECRET), "token", "--user", "a", "--session", "has space", "--device", "d");

        assertThat(code).isEqualTo(Main.USAGE);
        assertThat(err()).contains("session id");
    }

    @Test
    void badConfigurationStopsWithTheVariableNamed() {
        int code = run(Map.of("MAX_DEVICES", "lots"), "serve");

        assertThat(code).isEqualTo(Main.USAGE);
        assertThat(err()).contains("configuration error").contains("MAX_DEVICES: expected a whole number");
    }

    @Test
    void unknownCommandPrintsUsage() {
        assertThat(run(Map.of(), "launch")).isEqualTo(Main.USAGE);
        assertThat(err()).contains("unknown command 'launch'").contains("Usage:");
    }

    @Test
    void migrateWithoutADatabaseHasNothingToDo() {
        assertThat(run(Map.of(), "migrate")).isEqualTo(Main.OK);
        assertThat(out()).contains("DATABASE_URL is not set");
    }
}
