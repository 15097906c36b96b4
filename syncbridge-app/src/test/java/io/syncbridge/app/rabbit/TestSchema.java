package io.syncbridge.app.rabbit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/** A PostgreSQL schema of its own for one test (on the shared database {@code test}), dropped at close. */
final class TestSchema implements AutoCloseable {

    static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String USER = "postgres";

    final String name = "sbtest_rabbit_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    /** The server's variables for an outbox (and every other PostgreSQL store) in this schema. */
    Map<String, String> env() {
        return Map.of("DATABASE_URL", URL, "DATABASE_USER", USER, "DATABASE_SCHEMA", name);
    }

    @Override
    public void close() throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL, USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        }
    }
}
