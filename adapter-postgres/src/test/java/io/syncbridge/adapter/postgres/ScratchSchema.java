package io.syncbridge.adapter.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * A throw-away schema in the test database (127.0.0.1:5432, database {@code test}, or
 * {@code SYNCBRIDGE_TEST_DATABASE_URL}) with a random name: migrated on open, dropped on close.
 */
final class ScratchSchema implements AutoCloseable {

    static final PostgresConfig TEST_DATABASE = PostgresConfig.fromUrl(
            System.getenv().getOrDefault("SYNCBRIDGE_TEST_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/test"),
            System.getenv().getOrDefault("SYNCBRIDGE_TEST_DATABASE_USER", "postgres"),
            System.getenv("SYNCBRIDGE_TEST_DATABASE_PASSWORD"));

    private final String name;
    private final PostgresDatabase database;

    private ScratchSchema(String name, PostgresDatabase database) {
        this.name = name;
        this.database = database;
    }

    /** A new, migrated schema with a small pool over it. */
    static ScratchSchema open() {
        return open(config(randomName()));
    }

    /** A new schema for {@code config} (whose schema name must be unused), migrated. */
    static ScratchSchema open(PostgresConfig config) {
        PostgresDatabase database = new PostgresDatabase(config);
        try {
            database.migrate();
        } catch (RuntimeException e) {
            database.close();
            drop(config.schema());
            throw e;
        }
        return new ScratchSchema(config.schema(), database);
    }

    static String randomName() {
        return "sb_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
    }

    static PostgresConfig config(String schema) {
        return TEST_DATABASE.withSchema(schema)
                .withPoolSize(4)
                .withConnectionTimeout(Duration.ofSeconds(2));
    }

    String name() {
        return name;
    }

    PostgresDatabase database() {
        return database;
    }

    /** Empties every table of the schema except Flyway's history (between the tests of one class). */
    void truncateAll() {
        execute("DO $$ DECLARE t text; BEGIN FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = '" + name
                + "' AND tablename <> 'flyway_schema_history' LOOP EXECUTE format('TRUNCATE %I.%I RESTART IDENTITY', '"
                + name + "', t); END LOOP; END $$");
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(TEST_DATABASE.jdbcUrl(), TEST_DATABASE.user(), TEST_DATABASE.password());
    }

    @Override
    public void close() {
        database.close();
        drop(name);
    }

    static void drop(String schema) {
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    /** Jdbi on connections of its own to the test database, outside any pool under test. */
    static Jdbi admin() {
        return Jdbi.create(ScratchSchema::connect);
    }

    /** Runs one statement on a connection of its own, outside any pool under test. */
    static void execute(String statement) {
        try (Connection connection = connect(); Statement sql = connection.createStatement()) {
            sql.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("test database statement failed: " + statement, e);
        }
    }
}
