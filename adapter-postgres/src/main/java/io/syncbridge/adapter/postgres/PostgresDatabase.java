package io.syncbridge.adapter.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.syncbridge.domain.error.SyncError;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The adapter's connection to PostgreSQL: the HikariCP pool, Jdbi over it, the Flyway migrations
 * and a health probe. The stores ({@code Postgres<Port>}) are built on one instance of it.
 * The pool starts even when the database is down, so that the server can start, report the
 * dependency as down, and recover without a restart when it returns.
 */
public final class PostgresDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostgresDatabase.class);
    private static final String MIGRATIONS = "classpath:db/migration";

    private final PostgresConfig config;
    private final HikariDataSource dataSource;
    private final SqlRunner sql;
    private final AtomicReference<CompletableFuture<Health>> probeInFlight = new AtomicReference<>();

    public PostgresDatabase(PostgresConfig config) {
        this(config, QueryObserver.NONE);
    }

    public PostgresDatabase(PostgresConfig config, QueryObserver observer) {
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(observer, "observer");
        this.dataSource = new HikariDataSource(poolConfig(config));
        Jdbi jdbi = Jdbi.create(dataSource).installPlugin(new PostgresPlugin());
        jdbi.getConfig(SqlStatements.class).setQueryTimeout(wholeSeconds(config.statementTimeout()));
        this.sql = new SqlRunner(jdbi, observer, this::evictIdleConnections);
        log.info("PostgreSQL pool {} for {}", dataSource.getPoolName(), config);
    }

    private static HikariConfig poolConfig(PostgresConfig config) {
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("syncbridge-postgres-" + config.schema());
        pool.setJdbcUrl(config.jdbcUrl());
        if (config.user() != null) {
            pool.setUsername(config.user());
        }
        if (config.password() != null) {
            pool.setPassword(config.password());
        }
        pool.setSchema(config.schema());
        pool.setMaximumPoolSize(config.poolSize());
        pool.setConnectionTimeout(config.connectionTimeout().toMillis());
        pool.setValidationTimeout(Math.max(250, Math.min(config.connectionTimeout().toMillis() - 1, 3_000)));
        pool.setIdleTimeout(config.idleTimeout().toMillis());
        pool.setMaxLifetime(config.maxLifetime().toMillis());
        pool.setLeakDetectionThreshold(config.leakDetectionThreshold().toMillis());
        // Start without the database: calls fail with DependencyDown until it answers.
        pool.setInitializationFailTimeout(-1);
        // Driver properties must be strings: the driver reads only Properties.stringPropertyNames(),
        // so an Integer or Boolean value here would be silently ignored.
        // A database that accepts connections but never answers (a black hole) must fail calls fast:
        // connecting and logging in are bounded by the connection time-out, every read on the socket
        // by the socket time-out (the JDBC statement time-out needs an answer to its cancel request).
        pool.addDataSourceProperty("connectTimeout", String.valueOf(wholeSeconds(config.connectionTimeout())));
        pool.addDataSourceProperty("loginTimeout", String.valueOf(wholeSeconds(config.connectionTimeout())));
        pool.addDataSourceProperty("cancelSignalTimeout", String.valueOf(wholeSeconds(config.connectionTimeout())));
        pool.addDataSourceProperty("socketTimeout", String.valueOf(config.socketTimeout().isZero() ? 0
                : wholeSeconds(config.socketTimeout())));
        pool.addDataSourceProperty("tcpKeepAlive", "true");
        // Names the schema too, so that pg_stat_activity tells instances on different schemas apart.
        pool.addDataSourceProperty("ApplicationName", "syncbridge:" + config.schema());
        return pool;
    }

    /**
     * The pool, for binding its metrics (e.g. {@code setMetricsTrackerFactory}, once) and for
     * tools; closing it is this object's job.
     */
    public HikariDataSource dataSource() {
        return dataSource;
    }

    public PostgresConfig config() {
        return config;
    }

    SqlRunner sql() {
        return sql;
    }

    /**
     * Applies the pending Flyway migrations to the configured schema (creating it when missing)
     * and returns how many ran; zero when the schema is up to date. Safe to call from several
     * instances at once: Flyway serialises them with an advisory lock.
     */
    public int migrate() {
        Flyway flyway = Flyway.configure(PostgresDatabase.class.getClassLoader())
                .dataSource(dataSource)
                .schemas(config.schema())
                .defaultSchema(config.schema())
                .createSchemas(true)
                .locations(MIGRATIONS)
                .failOnMissingLocations(true)
                .load();
        try {
            MigrateResult result = flyway.migrate();
            if (result.migrationsExecuted == 0) {
                log.info("Schema {} is up to date at version {}", config.schema(), result.initialSchemaVersion);
            } else {
                log.info("Schema {} migrated from version {} to {} ({} migrations)", config.schema(),
                        result.initialSchemaVersion == null ? "none" : result.initialSchemaVersion,
                        result.targetSchemaVersion, result.migrationsExecuted);
            }
            return result.migrationsExecuted;
        } catch (FlywayException e) {
            if (DatabaseFailures.isUnavailable(e)) {
                throw new SyncError.DependencyDown(DatabaseFailures.DEPENDENCY, "migration failed: " + e.getMessage(), e);
            }
            throw e;
        }
    }

    /**
     * Runs {@code SELECT 1} and waits at most the probe timeout for it. At most one probe runs at a
     * time: callers that arrive while one is under way share its answer.
     */
    public Health probe() {
        CompletableFuture<Health> running = probeInFlight.get();
        if (running == null || running.isDone()) {
            CompletableFuture<Health> fresh = new CompletableFuture<>();
            if (probeInFlight.compareAndSet(running, fresh)) {
                Thread.ofVirtual().name("postgres-probe").start(() -> fresh.complete(checkNow()));
                running = fresh;
            } else {
                running = probeInFlight.get();
            }
        }
        Duration timeout = config.probeTimeout();
        try {
            return running.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return new Health(false, timeout, "no answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Health(false, Duration.ZERO, "interrupted while probing");
        } catch (ExecutionException e) {
            log.warn("PostgreSQL probe failed unexpectedly", e.getCause());
            return new Health(false, Duration.ZERO, String.valueOf(e.getCause()));
        }
    }

    private Health checkNow() {
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(wholeSeconds(config.probeTimeout()));
            statement.execute("SELECT 1");
            return new Health(true, Duration.ofNanos(System.nanoTime() - started), "ok");
        } catch (SQLException | RuntimeException e) {
            log.debug("PostgreSQL probe failed", e);
            return new Health(false, Duration.ofNanos(System.nanoTime() - started), String.valueOf(e.getMessage()));
        }
    }

    /**
     * Retires every pooled connection (idle ones now, busy ones when returned); new ones are opened
     * on demand. HikariCP skips the liveness check of a connection used within the last 500 ms, so
     * without this a connection that died with an outage could still be handed out once after it.
     */
    private void evictIdleConnections() {
        HikariPoolMXBean pool = dataSource.getHikariPoolMXBean();
        if (pool != null) {
            log.debug("PostgreSQL connection broken: retiring the pooled connections of {}", dataSource.getPoolName());
            pool.softEvictConnections();
        }
    }

    /** Closes the pool; the stores built on this instance stop working. */
    @Override
    public void close() {
        dataSource.close();
    }

    private static int wholeSeconds(Duration duration) {
        return (int) Math.max(1, (duration.toMillis() + 999) / 1000);
    }

    /** The answer of one probe: up or not, how long it took, and a short human-readable detail. */
    public record Health(boolean up, Duration latency, String detail) {
        public Health {
            Objects.requireNonNull(latency, "latency");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
