package io.syncbridge.app;

import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.syncbridge.adapter.micrometer.ServerMetrics;
import io.syncbridge.adapter.postgres.PostgresAccountStore;
import io.syncbridge.adapter.postgres.PostgresConfig;
import io.syncbridge.adapter.postgres.PostgresDatabase;
import io.syncbridge.adapter.postgres.PostgresDeviceRegistry;
import io.syncbridge.adapter.postgres.PostgresEventOutbox;
import io.syncbridge.adapter.postgres.PostgresHandoffAudit;
import io.syncbridge.adapter.postgres.PostgresRefreshTokenStore;
import io.syncbridge.adapter.postgres.PostgresSessionCatalogue;
import io.syncbridge.adapter.postgres.PostgresSessionCheckpoints;
import io.syncbridge.adapter.postgres.PostgresSnapshotStore;
import io.syncbridge.adapter.postgres.QueryObserver;
import io.syncbridge.adapter.postgres.SpillingEventOutbox;
import io.syncbridge.adapter.rabbit.BrokerHealth;
import io.syncbridge.adapter.rabbit.OutboxRelay;
import io.syncbridge.adapter.rabbit.RabbitConfig;
import io.syncbridge.adapter.rabbit.RabbitEventPublisher;
import io.syncbridge.adapter.redis.RedisAdapters;
import io.syncbridge.adapter.redis.RedisConfig;
import io.syncbridge.adapter.redis.RedisConnection;
import io.syncbridge.application.CheckpointingSessionStore;
import io.syncbridge.application.MirroredSnapshotStore;
import io.syncbridge.application.SyncBridgeBuilder;
import io.syncbridge.domain.session.SessionPolicy;
import io.syncbridge.domain.time.Clock;
import io.syncbridge.domain.time.IdSource;
import io.syncbridge.inmemory.InMemoryChangeFeed;
import io.syncbridge.inmemory.InMemoryEventOutbox;
import io.syncbridge.inmemory.InMemorySessionStore;
import io.syncbridge.inmemory.InMemorySnapshotStore;
import io.syncbridge.port.out.ChangeFeed;
import io.syncbridge.port.out.ChangeLog;
import io.syncbridge.port.out.DependencyCheck;
import io.syncbridge.port.out.EventOutbox;
import io.syncbridge.port.out.SessionStore;
import io.syncbridge.port.out.SnapshotStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects the real adapters the configuration names and hands them to the core builder, with a
 * health check and metrics for each; what is not configured stays in memory.
 */
final class Backends {

    private static final Logger LOG = LoggerFactory.getLogger(Backends.class);

    /** Events waiting for the broker when there is no database to keep them in. */
    private static final int IN_MEMORY_OUTBOX_CAPACITY = 100_000;
    /** Events on their way to the spill file (the thread syncs every few milliseconds, so this is slack). */
    private static final int SPILL_QUEUE_CAPACITY = 100_000;
    /** The largest spill file: about a million typical state changes. */
    private static final long SPILL_FILE_MAX_BYTES = 1L << 30;
    /** Often enough for the memory alerts (10 and 5 minutes), cheap for Redis. */
    private static final Duration REDIS_MEMORY_INTERVAL = Duration.ofSeconds(15);

    final List<AutoCloseable> resources = new ArrayList<>();
    final List<DependencyCheck> checks = new ArrayList<>();
    final List<String> description = new ArrayList<>();
    private final Config config;
    private final ServerMetrics metrics;
    private final Clock clock = Clock.system();
    private final IdSource ids = IdSource.random();
    private Optional<PostgresDatabase> database = Optional.empty();
    /** The hot session store, its log and feed, as chosen (Redis or memory); wrapped when there is a durable tier. */
    private SessionStore hotSessions;
    private ChangeLog hotLog;
    private ChangeFeed hotFeed;
    private SnapshotStore hotSnapshots;
    private Optional<CheckpointingSessionStore> checkpointing = Optional.empty();

    Backends(Config config, ServerMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    /** Attaches every configured backend to the builder; on failure closes what it opened. */
    void attach(SyncBridgeBuilder builder, SessionPolicy policy) {
        try {
            builder.clock(clock).ids(ids);
            attachRedis(builder, policy);
            attachPostgres(builder);
            attachRabbit(builder);
        } catch (RuntimeException e) {
            closeAll();
            throw e;
        }
    }

    private void attachRedis(SyncBridgeBuilder builder, SessionPolicy policy) {
        if (config.redisAddr().isEmpty() && config.redisCluster().isEmpty()) {
            InMemoryChangeFeed feed = new InMemoryChangeFeed();
            InMemorySessionStore store = new InMemorySessionStore(feed, clock, policy);
            useSessions(builder, store, store, feed, new InMemorySnapshotStore(clock));
            checks.add(DependencyCheck.inMemory("cache", true));
            description.add("sessions=memory");
            return;
        }
        RedisConfig redisConfig = config.redisCluster().isEmpty()
                ? RedisConfig.standalone(config.redisAddr().get())
                : RedisConfig.cluster(String.join(",", config.redisCluster()));
        redisConfig = redisConfig.withCredentials(Optional.empty(), config.redisPassword().map(Secret::value))
                .withTls(config.redisAddr().map(a -> a.startsWith("rediss://")).orElse(false))
                .withPoolSize(config.redisPoolSize())
                .withKeyPrefix(config.redisKeyPrefix());
        StoreMetrics timers = new StoreMetrics(metrics.registry(), "redis.command.duration", "Redis calls, round trip included");
        RedisConnection connection = RedisConnection.open(redisConfig, timers::record);
        RedisAdapters redis = RedisAdapters.create(connection, policy, clock);
        resources.add(redis);
        useSessions(builder, redis.sessions(), redis.sessions(), redis.feed(), redis.snapshots());
        builder.presence(redis.presence()).rateLimiter(redis.rateLimiter()).handoffTokens(redis.handoffTokens())
                .grants(redis.grants());
        RedisDurability durability = new RedisDurability(connection, config.databaseUrl().isPresent());
        durability.reportAtStart();
        checks.add(durability.healthCheck());
        RedisMemoryGauges memory = new RedisMemoryGauges(connection, metrics.registry());
        metrics.refreshEvery("Redis INFO memory", REDIS_MEMORY_INTERVAL, memory::poll);
        description.add("sessions=redis" + (redisConfig.cluster() ? " cluster" : "") + " " + redisConfig.nodes());
    }

    private void useSessions(SyncBridgeBuilder builder, SessionStore store, ChangeLog log, ChangeFeed feed,
                             SnapshotStore snapshots) {
        hotSessions = store;
        hotLog = log;
        hotFeed = feed;
        hotSnapshots = snapshots;
        builder.sessionStore(store, log, feed).snapshots(snapshots);
    }

    /**
     * PostgreSQL as the durable tier of session state: heads checkpointed behind the hot store,
     * snapshots mirrored, a session the hot store lost restored from its last checkpoint.
     */
    private void attachDurableTier(SyncBridgeBuilder builder, PostgresDatabase db) {
        CheckpointingSessionStore sessions = new CheckpointingSessionStore(hotSessions,
                new PostgresSessionCheckpoints(db, clock), clock, metrics.observer(), config.checkpointInterval());
        // Registered after the pool, so closed before it: the last flush still reaches PostgreSQL.
        resources.add(sessions);
        checkpointing = Optional.of(sessions);
        builder.sessionStore(sessions, hotLog, hotFeed)
                .snapshots(new MirroredSnapshotStore(hotSnapshots, new PostgresSnapshotStore(db, clock)));
        metrics.exactGauge("syncbridge_checkpoints_pending", "Sessions whose latest head is not yet checkpointed to "
                + "PostgreSQL", sessions::pendingCount);
        metrics.exactGauge("syncbridge_checkpoint_lag_seconds", "Seconds since every accepted head was last "
                + "checkpointed to PostgreSQL", () -> Duration.between(sessions.lastFlush(), clock.now()).toMillis() / 1000.0);
        description.add("checkpoints=postgres every " + EnvValues.describe(config.checkpointInterval()));
    }

    /** The session store's durable tier, when PostgreSQL is configured. */
    Optional<CheckpointingSessionStore> checkpointing() {
        return checkpointing;
    }

    private void attachPostgres(SyncBridgeBuilder builder) {
        if (config.databaseUrl().isEmpty()) {
            checks.add(DependencyCheck.inMemory("database", true));
            description.add("accounts=memory");
            return;
        }
        StoreMetrics timers = new StoreMetrics(metrics.registry(), "postgresql.query.duration",
                "PostgreSQL store operations, connection wait included");
        PostgresDatabase db = openDatabase(config, timers::record);
        db.dataSource().setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(metrics.registry()));
        resources.add(db);
        database = Optional.of(db);
        if (config.migrateOnStart()) {
            db.migrate();
        }
        builder.accounts(new PostgresAccountStore(db)).refreshTokens(new PostgresRefreshTokenStore(db))
                .catalogue(new PostgresSessionCatalogue(db)).deviceRegistry(new PostgresDeviceRegistry(db))
                .handoffAudit(new PostgresHandoffAudit(db));
        attachDurableTier(builder, db);
        checks.add(DependencyCheck.of("database", "postgres", true, () -> {
            PostgresDatabase.Health health = db.probe();
            if (!health.up()) {
                throw new IllegalStateException(health.detail());
            }
        }));
        description.add("accounts=postgres " + db.config());
    }

    /** A pool on the configured database; the caller closes it. */
    static PostgresDatabase openDatabase(Config config, QueryObserver observer) {
        Config.Limits limits = config.limits();
        return new PostgresDatabase(PostgresConfig.fromUrl(config.databaseUrl().orElseThrow(),
                config.databaseUser().orElse(""), config.databasePassword().map(Secret::value).orElse(""))
                .withSchema(config.databaseSchema()).withConnectionTimeout(limits.databaseConnectTimeout())
                .withStatementTimeout(limits.databaseStatementTimeout())
                .withSocketTimeout(limits.databaseSocketTimeout()), observer);
    }

    private void attachRabbit(SyncBridgeBuilder builder) {
        if (config.rabbitmqUrl().isEmpty()) {
            checks.add(DependencyCheck.inMemory("messageQueue", false));
            description.add("events=memory");
            return;
        }
        EventOutbox outbox = database.<EventOutbox>map(this::spillingOutbox)
                .orElseGet(() -> new InMemoryEventOutbox(clock, IN_MEMORY_OUTBOX_CAPACITY));
        OutboxRelay relay = new OutboxRelay(RabbitConfig.defaults(config.rabbitmqUrl().get())
                .withExchange(config.rabbitmqExchange()), outbox, clock);
        resources.add(relay);
        relay.start();
        builder.events(new RabbitEventPublisher(outbox, relay));
        checks.add(DependencyCheck.of("messageQueue", "rabbitmq", false, () -> {
            BrokerHealth health = relay.health();
            if (!health.up()) {
                throw new IllegalStateException(health.detail());
            }
        }));
        metrics.exactGauge("syncbridge_outbox_depth", "Events recorded but not yet confirmed by the broker",
                () -> outbox.depth().count());
        description.add("events=rabbitmq exchange " + config.rabbitmqExchange() + ", outbox="
                + (database.isPresent() ? "postgres" : "memory"));
    }

    /**
     * The PostgreSQL outbox with a spill file for events that arrive while PostgreSQL is down; one
     * directory per schema, so that a file left by a stopped process is replayed into its own outbox.
     */
    private SpillingEventOutbox spillingOutbox(PostgresDatabase db) {
        SpillingEventOutbox outbox = new SpillingEventOutbox(new PostgresEventOutbox(db, clock),
                config.outboxSpillDir().resolve(db.config().schema()), SPILL_QUEUE_CAPACITY, SPILL_FILE_MAX_BYTES);
        resources.add(outbox);
        metrics.exactGauge("syncbridge_outbox_spilled", "Events kept in the local spill file while PostgreSQL is down",
                outbox::spillWaiting);
        metrics.exactGauge("syncbridge_outbox_dropped", "Events dropped because the outbox spill was full",
                outbox::dropped);
        return outbox;
    }

    /** Closes in reverse order of opening (the relay before the pool its outbox reads). */
    void closeAll() {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOG.warn("closing {} failed", resources.get(i), e);
            }
        }
        resources.clear();
    }
}
