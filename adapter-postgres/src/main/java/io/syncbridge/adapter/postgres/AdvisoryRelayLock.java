package io.syncbridge.adapter.postgres;

import com.zaxxer.hikari.HikariDataSource;
import io.syncbridge.domain.error.SyncError;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay role of one outbox schema as a PostgreSQL session-level advisory lock, held on a
 * connection of its own: the lock lives exactly as long as that connection, so a process that dies
 * (or loses its database) frees the role for another instance without any lease to expire.
 */
final class AdvisoryRelayLock {

    private static final Logger log = LoggerFactory.getLogger(AdvisoryRelayLock.class);

    /** The first key of the two-int advisory lock: "SBRL", this lock's class; the second is the schema's hash. */
    private static final int LOCK_CLASS = 0x5342524C;
    private static final int VALIDATION_SECONDS = 2;

    private final HikariDataSource dataSource;
    private final String schema;
    private Connection held;

    AdvisoryRelayLock(HikariDataSource dataSource, String schema) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.schema = Objects.requireNonNull(schema, "schema");
    }

    synchronized boolean tryAcquire() {
        try {
            if (held != null) {
                if (held.isValid(VALIDATION_SECONDS)) {
                    return true;
                }
                log.warn("The connection holding the outbox relay lock of schema {} was lost; trying to take it again",
                        schema);
                discard();
            }
            Connection connection = dataSource.getConnection();
            boolean acquired = false;
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?, hashtext(?))")) {
                lock.setInt(1, LOCK_CLASS);
                lock.setString(2, schema);
                try (ResultSet result = lock.executeQuery()) {
                    acquired = result.next() && result.getBoolean(1);
                }
            } finally {
                if (acquired) {
                    held = connection;
                } else {
                    connection.close();
                }
            }
            return acquired;
        } catch (SQLException e) {
            throw new SyncError.DependencyDown("database", "the outbox relay lock: " + e.getMessage(), e);
        }
    }

    synchronized void release() {
        if (held == null) {
            return;
        }
        try (PreparedStatement unlock = held.prepareStatement("SELECT pg_advisory_unlock(?, hashtext(?))")) {
            unlock.setInt(1, LOCK_CLASS);
            unlock.setString(2, schema);
            unlock.execute();
        } catch (SQLException e) {
            // Closing the connection below ends its session, and the lock with it.
            log.warn("Unlocking the outbox relay lock of schema {} failed: {}", schema, e.toString());
        }
        discard();
    }

    private void discard() {
        Connection connection = held;
        held = null;
        try {
            // A pooled connection goes back to the pool; Hikari evicts one that is broken.
            connection.close();
        } catch (SQLException e) {
            log.debug("Closing the outbox relay lock connection failed: {}", e.toString());
        }
    }
}
