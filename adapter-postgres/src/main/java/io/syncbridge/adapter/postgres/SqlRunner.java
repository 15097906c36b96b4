package io.syncbridge.adapter.postgres;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the stores' SQL: one pooled handle per operation, timed for the {@link QueryObserver}, with
 * an unreachable database turned into {@code SyncError.DependencyDown}. A connection found broken
 * makes the pool drop its other idle connections, so that calls after the database is back get
 * fresh ones instead of failing one by one on connections that died with the outage.
 */
final class SqlRunner {

    private static final Logger log = LoggerFactory.getLogger(SqlRunner.class);

    private final Jdbi jdbi;
    private final QueryObserver observer;
    private final Runnable evictIdleConnections;

    SqlRunner(Jdbi jdbi, QueryObserver observer, Runnable evictIdleConnections) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.observer = Objects.requireNonNull(observer, "observer");
        this.evictIdleConnections = Objects.requireNonNull(evictIdleConnections, "evictIdleConnections");
    }

    /** Runs {@code work} on a handle in auto-commit mode. */
    <T> T call(String operation, HandleCallback<T, RuntimeException> work) {
        return timed(operation, () -> jdbi.withHandle(work));
    }

    /** Runs {@code work} in one transaction (read committed). */
    <T> T transaction(String operation, HandleCallback<T, RuntimeException> work) {
        return timed(operation, () -> jdbi.inTransaction(work));
    }

    /** Runs {@code work} in one repeatable-read transaction, for reads that must agree with each other. */
    <T> T snapshot(String operation, HandleCallback<T, RuntimeException> work) {
        return timed(operation, () -> jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, work));
    }

    private <T> T timed(String operation, Supplier<T> work) {
        long started = System.nanoTime();
        boolean succeeded = false;
        try {
            T result = work.get();
            succeeded = true;
            return result;
        } catch (RuntimeException e) {
            RuntimeException translated = DatabaseFailures.translate(operation, e);
            if (translated != e) {
                log.debug("PostgreSQL unavailable during {}", operation, e);
                if (DatabaseFailures.isBrokenConnection(e)) {
                    evictIdleConnections.run();
                }
            }
            throw translated;
        } finally {
            report(operation, Duration.ofNanos(System.nanoTime() - started), succeeded);
        }
    }

    private void report(String operation, Duration took, boolean succeeded) {
        try {
            observer.queryCompleted(operation, took, succeeded);
        } catch (RuntimeException e) {
            // A broken metrics callback must not fail a store operation that itself went well.
            log.warn("Query observer failed for {}", operation, e);
        }
    }
}
