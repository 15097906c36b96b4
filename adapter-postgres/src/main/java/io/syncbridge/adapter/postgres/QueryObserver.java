package io.syncbridge.adapter.postgres;

import java.time.Duration;

/**
 * What the adapter reports about its queries, so that the server can keep a
 * {@code postgresql_query_duration_seconds} timer without this module knowing any metrics library.
 * Called once per store operation (connection acquisition included), on the caller's thread; an
 * implementation must be quick and thread-safe.
 */
@FunctionalInterface
public interface QueryObserver {

    QueryObserver NONE = (operation, took, succeeded) -> {
    };

    /**
     * @param operation a stable, low-cardinality name such as {@code accounts.create}
     * @param took      how long the operation held the caller
     * @param succeeded false when it failed (database down, timeout, or an error)
     */
    void queryCompleted(String operation, Duration took, boolean succeeded);
}
