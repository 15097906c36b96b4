package io.syncbridge.adapter.postgres;

import io.syncbridge.domain.error.SyncError;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/** Tells a database that cannot be reached from a query that went wrong, and says so as {@code DependencyDown}. */
final class DatabaseFailures {

    static final String DEPENDENCY = "database";

    // SQLSTATEs that mean "the server is gone or refusing us", not "your statement is wrong":
    // admin/crash shutdown (pg_terminate_backend, restart), cannot connect now, too many
    // connections, and a statement cancelled by the statement timeout.
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300", "57014");

    private DatabaseFailures() {
    }

    /**
     * The exception to throw for a failed operation: {@code DependencyDown} when the cause is an
     * unreachable or unresponsive database, otherwise the original exception unchanged.
     */
    static RuntimeException translate(String operation, RuntimeException failure) {
        if (failure instanceof SyncError) {
            return failure;
        }
        Throwable cause = unavailability(failure);
        if (cause == null) {
            return failure;
        }
        return new SyncError.DependencyDown(DEPENDENCY, operation + " failed: " + cause.getMessage(), failure);
    }

    static boolean isUnavailable(Throwable failure) {
        return unavailability(failure) != null;
    }

    /**
     * Whether the failure says that a connection of the pool broke (cut, reset, terminated by the
     * server), as opposed to no connection being available or a statement timing out. The other
     * pooled connections are then very likely dead too.
     */
    static boolean isBrokenConnection(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 32; t = t.getCause(), depth++) {
            if (t instanceof SocketException || t instanceof EOFException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
                return true;
            }
        }
        return false;
    }

    /** The first cause in the chain that says the database is unavailable, or null. */
    private static Throwable unavailability(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 32; t = t.getCause(), depth++) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof UnknownHostException || t instanceof SocketTimeoutException
                    || t instanceof SocketException || t instanceof EOFException) {
                return t;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || UNAVAILABLE_STATES.contains(sql.getSQLState()))) {
                return t;
            }
        }
        return null;
    }
}
