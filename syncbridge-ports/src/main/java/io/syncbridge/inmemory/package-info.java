/**
 * In-memory adapters: a real, thread-safe implementation of every driven port of
 * {@code io.syncbridge.port.out}, with the same semantics as the Redis and PostgreSQL adapters
 * (compare-and-set, capped change logs, expiry by the injected clock, single-use claims), checked by
 * the same contract suites. They are what an embedding application and the server use when no
 * backing service is configured, and the test doubles of the application core.
 *
 * <p>Nothing here depends on anything but the domain and {@code java.*}; the few failures that
 * cannot be handed back to a caller (a change feed listener that throws) are counted and logged
 * through {@link java.lang.System.Logger}, which an application can route to its own logging.
 */
package io.syncbridge.inmemory;
