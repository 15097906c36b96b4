package io.syncbridge.app.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.app.Main;
import io.syncbridge.app.TestSchema;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code syncbridge migrate}: applies the schema to an empty database, and running it again changes nothing. */
class MigrateCommandIT {

    private final TestSchema schema = new TestSchema();

    @AfterEach
    void dropSchema() {
        schema.close();
    }

    /** What one run of the command printed, and its exit code. */
    private record Run(int exitCode, String out, String err) {
    }

    private static Run migrate(Map<String, String> env) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"migrate"}, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void migratesAFreshSchemaThenReRunningIsANoOp() {
        Map<String, String> env = Map.of("DATABASE_URL", TestSchema.URL, "DATABASE_USER", TestSchema.USER,
                "DATABASE_SCHEMA", schema.name);
        assertThat(schema.exists()).isFalse();

        Run first = migrate(env);

        assertThat(first.exitCode()).as(first.err()).isEqualTo(Main.OK);
        assertThat(first.out()).containsPattern("[1-9]\\d* migration\\(s\\) applied");
        assertThat(schema.exists()).isTrue();
        assertThat(schema.rows("SELECT table_name FROM information_schema.tables WHERE table_schema = ?",
                schema.name)).extracting(r -> r.get("table_name")).contains("accounts", "refresh_tokens",
                "sessions", "session_devices", "handoffs", "event_outbox", "flyway_schema_history");
        long applied = (Long) schema.rows("SELECT count(*) AS n FROM flyway_schema_history WHERE success")
                .getFirst().get("n");

        Run second = migrate(env);

        assertThat(second.exitCode()).as(second.err()).isEqualTo(Main.OK);
        assertThat(second.out()).contains(" 0 migration(s) applied");
        assertThat(schema.rows("SELECT count(*) AS n FROM flyway_schema_history").getFirst().get("n"))
                .isEqualTo(applied);
    }

    @Test
    void anUnreachableDatabaseFailsTheCommandWithAMessage() {
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        Map<String, String> env = Map.of("DATABASE_URL", TestSchema.url(1), "DATABASE_USER", TestSchema.USER,
                "DATABASE_SCHEMA", schema.name);

        Run run = migrate(env);

        assertThat(run.exitCode()).isNotEqualTo(Main.OK);
        assertThat(run.err()).contains("syncbridge migrate:").contains("unavailable");
    }
}
