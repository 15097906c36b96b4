package io.syncbridge.app;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A randomly named schema in the test database (127.0.0.1:5432, database {@code test}) for one
 * test's servers, read directly over JDBC to check what the server wrote, dropped on close.
 */
public final class TestSchema implements AutoCloseable {

    public static final String HOST = "127.0.0.1";
    public static final int PORT = 5432;
    public static final String DATABASE = "test";
    public static final String USER = "postgres";
    public static final String URL = url(PORT);

    public final String name = "sb_e2e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)
            .toLowerCase(Locale.ROOT);

    /** The server's variables for every PostgreSQL store in this schema. */
    public Map<String, String> env() {
        return Map.of("DATABASE_URL", URL, "DATABASE_USER", USER, "DATABASE_SCHEMA", name);
    }

    /** The JDBC URL of the test database through {@code port} (the database's own, or a proxy's). */
    public static String url(int port) {
        return "jdbc:postgresql://" + HOST + ":" + port + "/" + DATABASE;
    }

    /** The rows of a query (run with {@code search_path} set to this schema), column name to value. */
    public List<Map<String, Object>> rows(String sql, Object... parameters) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                ResultSetMetaData meta = result.getMetaData();
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= meta.getColumnCount(); c++) {
                        row.put(meta.getColumnLabel(c), result.getObject(c));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("test query failed: " + sql, e);
        }
    }

    /** Whether the schema exists at all. */
    public boolean exists() {
        return !rows("SELECT 1 FROM information_schema.schemata WHERE schema_name = ?", name).isEmpty();
    }

    private Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(URL, USER, "");
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET search_path TO " + name);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    @Override
    public void close() {
        try (Connection connection = DriverManager.getConnection(URL, USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("dropping test schema " + name + " failed", e);
        }
    }
}
