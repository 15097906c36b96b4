package io.syncbridge.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PostgresMigrationIT {

    private String schema;
    private PostgresDatabase database;
    private Jdbi jdbi;

    @BeforeEach
    void openEmptySchema() {
        schema = ScratchSchema.randomName();
        database = new PostgresDatabase(ScratchSchema.config(schema));
        jdbi = Jdbi.create(database.dataSource());
    }

    @AfterEach
    void dropSchema() {
        database.close();
        ScratchSchema.drop(schema);
    }

    @Test
    void migratesAMissingSchemaToTheLatestVersion() {
        assertThat(schemaExists()).isFalse();

        int applied = database.migrate();

        List<String> versions = migrationVersionsShipped();
        assertThat(applied).isEqualTo(versions.size());
        assertThat(tables()).containsExactlyInAnyOrder("accounts", "refresh_tokens", "sessions", "session_devices",
                "handoffs", "event_outbox", "session_checkpoints", "session_snapshots", "flyway_schema_history");
        assertThat(strings("SELECT version FROM " + schema + ".flyway_schema_history WHERE success AND version IS NOT NULL ORDER BY installed_rank"))
                .containsExactlyElementsOf(versions);
    }

    /** The versions of the V&lt;n&gt;__*.sql files this module ships, in order (tests run in the module's folder). */
    private static List<String> migrationVersionsShipped() {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .map(n -> n.substring(1, n.indexOf("__"))).sorted(Comparator.comparingInt(Integer::parseInt))
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list the migrations", e);
        }
    }

    @Test
    void createsTheListingAndExpiryIndexes() {
        database.migrate();

        List<String> indexes = jdbi.withHandle(h -> h.createQuery(
                        "SELECT indexname FROM pg_indexes WHERE schemaname = :schema")
                .bind("schema", schema).mapTo(String.class).list());
        assertThat(indexes).contains("accounts_username_key", "refresh_tokens_family_idx", "refresh_tokens_expires_idx",
                "sessions_owner_listing_idx", "sessions_owner_status_listing_idx", "sessions_owner_type_listing_idx",
                "sessions_expires_idx", "session_devices_join_order_idx", "handoffs_session_recent_idx",
                "event_outbox_pending_idx");
    }

    @Test
    void rerunningTheMigrationsChangesNothing() {
        database.migrate();
        List<String> historyBefore = history();

        int appliedAgain = database.migrate();

        assertThat(appliedAgain).isZero();
        assertThat(history()).isEqualTo(historyBefore);
    }

    @Test
    void keepsTheDataOfAnUpToDateSchema() {
        database.migrate();
        jdbi.useHandle(h -> h.execute("INSERT INTO " + schema
                + ".accounts (id, username, password_hash, created_at) VALUES ('u1', 'ada', 'h', now())"));

        database.migrate();

        assertThat(strings("SELECT username FROM " + schema + ".accounts")).containsExactly("ada");
    }

    private List<String> strings(String query) {
        return jdbi.withHandle(h -> h.createQuery(query).mapTo(String.class).list());
    }

    private boolean schemaExists() {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM pg_namespace WHERE nspname = :schema")
                .bind("schema", schema).mapTo(Integer.class).one()) == 1;
    }

    private List<String> tables() {
        return jdbi.withHandle(h -> h.createQuery("SELECT tablename FROM pg_tables WHERE schemaname = :schema")
                .bind("schema", schema).mapTo(String.class).list());
    }

    private List<String> history() {
        return jdbi.withHandle(h -> h.createQuery("SELECT installed_rank || ':' || version || ':' || checksum || ':' "
                        + "|| installed_on FROM " + schema + ".flyway_schema_history ORDER BY installed_rank")
                .mapTo(String.class).list());
    }
}
