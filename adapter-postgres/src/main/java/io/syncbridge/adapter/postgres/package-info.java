/**
 * The PostgreSQL adapter: accounts, refresh tokens, the session catalogue, the device registry,
 * the handoff audit trail and the event outbox, with Jdbi over a HikariCP pool and a schema kept by
 * Flyway migrations ({@code db/migration}). Start from {@link io.syncbridge.adapter.postgres.PostgresDatabase}.
 */
package io.syncbridge.adapter.postgres;
