package io.syncbridge.adapter.redis;

import io.syncbridge.adapter.redis.RedisConfig.Endpoint;
import io.syncbridge.domain.error.SyncError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * The adapter's one way to Redis: a pooled Jedis client (single node or cluster) built from a
 * {@link RedisConfig}, with every call timed, failures of the server or the network turned into
 * {@link SyncError.DependencyDown}, and a health probe. The Redis ports are built on top of it.
 */
public final class RedisConnection implements AutoCloseable {

    static final String DEPENDENCY = "redis";
    private static final Logger LOG = LoggerFactory.getLogger(RedisConnection.class);
    /**
     * Error replies that mean "the server cannot serve us now" (starting, failing over, refusing our
     * credentials), not "the command is wrong".
     */
    private static final List<String> UNAVAILABLE_REPLIES = List.of("LOADING", "CLUSTERDOWN", "MASTERDOWN",
            "READONLY", "BUSY", "TRYAGAIN", "NOREPLICAS", "NOAUTH", "WRONGPASS");

    private final RedisConfig config;
    private final RedisKeys keys;
    private final RedisCallObserver observer;
    private final JedisClientConfig clientConfig;
    private final UnifiedJedis client;
    private final AtomicBoolean reachable = new AtomicBoolean(true);
    private final Object pipelineLock = new Object();
    private volatile ScriptPipeline pipeline;

    private RedisConnection(RedisConfig config, RedisCallObserver observer) {
        this.config = Objects.requireNonNull(config, "config");
        this.observer = Objects.requireNonNull(observer, "observer");
        this.keys = new RedisKeys(config.keyPrefix());
        this.clientConfig = clientConfig(config);
        this.client = translate("connect", () -> config.cluster() ? clusterClient() : singleClient());
    }

    /** Connects as configured; throws {@code DependencyDown} when a cluster's seed nodes cannot be reached. */
    public static RedisConnection open(RedisConfig config) {
        return open(config, RedisCallObserver.NONE);
    }

    public static RedisConnection open(RedisConfig config, RedisCallObserver observer) {
        return new RedisConnection(config, observer);
    }

    public RedisConfig config() {
        return config;
    }

    /**
     * Opens a fresh connection to every node and sends PING, so that a stale pooled connection
     * cannot fake an outage; the configured timeouts bound it. Never throws.
     */
    public RedisHealth probe() {
        long start = System.nanoTime();
        try {
            List<Endpoint> nodes = config.cluster() ? clusterNodes() : config.nodes();
            if (nodes.isEmpty()) {
                return new RedisHealth(false, since(start), "no cluster node known");
            }
            for (Endpoint node : nodes) {
                try (Connection connection = new Connection(hostAndPort(node), clientConfig)) {
                    connection.executeCommand(Protocol.Command.PING);
                }
            }
            return new RedisHealth(true, since(start), nodes.size() == 1 ? "PONG" : "PONG from " + nodes.size() + " nodes");
        } catch (JedisException e) {
            return new RedisHealth(false, since(start), String.valueOf(e.getMessage()));
        }
    }

    /**
     * {@code INFO memory} of every node the client knows (every cluster node), on fresh connections like
     * {@link #probe()}, for the memory gauges. Throws {@code DependencyDown} when a node does not answer.
     */
    public List<RedisMemory> memory() {
        return translate("info.memory", () -> {
            List<Endpoint> nodes = config.cluster() ? clusterNodes() : config.nodes();
            List<RedisMemory> result = new ArrayList<>(nodes.size());
            for (Endpoint node : nodes) {
                try (Connection connection = new Connection(hostAndPort(node), clientConfig)) {
                    connection.sendCommand(Protocol.Command.INFO, "memory");
                    result.add(RedisMemory.parse(node.host() + ":" + node.port(), connection.getBulkReply()));
                }
            }
            return result;
        });
    }

    /**
     * What every node keeps on disk ({@code INFO persistence}, {@code CONFIG GET save} and
     * {@code appendfsync}), on fresh connections like {@link #probe()}; read-only. Throws
     * {@code DependencyDown} when a node does not answer.
     */
    public List<RedisPersistence> persistence() {
        return translate("info.persistence", () -> {
            List<Endpoint> nodes = config.cluster() ? clusterNodes() : config.nodes();
            List<RedisPersistence> result = new ArrayList<>(nodes.size());
            for (Endpoint node : nodes) {
                try (Connection connection = new Connection(hostAndPort(node), clientConfig)) {
                    connection.sendCommand(Protocol.Command.INFO, "persistence");
                    boolean aof = RedisPersistence.aofEnabled(connection.getBulkReply());
                    result.add(new RedisPersistence(node.host() + ":" + node.port(), aof,
                            configGet(connection, "appendfsync"), configGet(connection, "save")));
                }
            }
            return result;
        });
    }

    /** A CONFIG GET value, or empty where the server refuses CONFIG (renamed or disabled). */
    private static Optional<String> configGet(Connection connection, String name) {
        try {
            connection.sendCommand(Protocol.Command.CONFIG, "GET", name);
            return RedisPersistence.configValue(connection.getMultiBulkReply());
        } catch (JedisDataException refused) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        ScriptPipeline open = pipeline;
        if (open != null) {
            open.close();
        }
        client.close();
    }

    /**
     * Runs a script as part of a pipelined batch shared with every concurrent caller (group commit,
     * see {@link ScriptPipeline}); refused at once with {@code RateLimited} when too many wait.
     */
    Object evalPipelined(String operation, LuaScript script, List<String> scriptKeys, List<String> args) {
        return pipeline().eval(operation, script, scriptKeys, args);
    }

    /** {@code INFO <section>} of the node (a single Redis), for the benchmark and diagnostics. */
    public String info(String section) {
        return call("info", true, r -> r.info(section));
    }

    /** Calls refused because the pipeline's queue was full (for gauges and the benchmark). */
    public long pipelineRefusals() {
        ScriptPipeline open = pipeline;
        return open == null ? 0 : open.refused();
    }

    private ScriptPipeline pipeline() {
        ScriptPipeline open = pipeline;
        if (open == null) {
            synchronized (pipelineLock) {
                open = pipeline;
                if (open == null) {
                    open = new ScriptPipeline(this, ScriptPipeline.DEFAULT_SENDERS, ScriptPipeline.DEFAULT_CAPACITY);
                    pipeline = open;
                }
            }
        }
        return open;
    }

    UnifiedJedis client() {
        return client;
    }

    void observed(String operation, Duration took, boolean succeeded) {
        observer.completed(operation, took, succeeded);
    }

    /** The error a failed reply of a pipelined call stands for, as {@link #translate} would throw it. */
    RuntimeException translated(String operation, JedisDataException e) {
        try {
            translate(operation, () -> {
                throw e;
            });
            return new IllegalStateException("unreachable");
        } catch (RuntimeException translated) {
            return translated;
        }
    }

    RedisKeys keys() {
        return keys;
    }

    /**
     * Runs one call. {@code retryable} calls are tried a second time after a connection failure, on
     * a fresh connection: the pool's idle connections are dropped first, as after a Redis restart
     * they are all dead. Only calls whose repetition is harmless may say so (reads, compare-and-set
     * scripts, idempotent writes).
     */
    <T> T call(String operation, boolean retryable, Function<UnifiedJedis, T> action) {
        long start = System.nanoTime();
        boolean succeeded = false;
        try {
            T result;
            try {
                result = translate(operation, () -> action.apply(client));
            } catch (SyncError.DependencyDown first) {
                if (!retryable || !(first.getCause() instanceof JedisConnectionException)) {
                    throw first;
                }
                dropIdleConnections();
                result = translate(operation, () -> action.apply(client));
            }
            succeeded = true;
            if (reachable.compareAndSet(false, true)) {
                LOG.info("Redis reachable again ({})", operation);
            }
            return result;
        } finally {
            observer.completed(operation, since(start), succeeded);
        }
    }

    /** Runs a script by its SHA, sending the source only when the node does not know it yet. */
    Object eval(String operation, boolean retryable, LuaScript script, List<String> scriptKeys, List<String> args) {
        return call(operation, retryable, redis -> {
            try {
                return redis.evalsha(script.sha(), scriptKeys, args);
            } catch (JedisNoScriptException e) {
                return redis.eval(script.source(), scriptKeys, args);
            }
        });
    }

    /** The node that serves a key or shard channel now. */
    Endpoint nodeFor(String key) {
        if (client instanceof RedisClusterClient cluster) {
            return translate("cluster.route", () -> {
                try (Connection connection = cluster.getConnectionFromSlot(JedisClusterCRC16.getSlot(key))) {
                    HostAndPort node = connection.getHostAndPort();
                    return new Endpoint(node.getHost(), node.getPort());
                }
            });
        }
        return config.nodes().getFirst();
    }

    /** Re-reads a cluster's slot map (after a failover or resharding); nothing to do on a single node. */
    void refreshTopology() {
        if (client instanceof RedisClusterClient cluster) {
            try {
                cluster.refreshClusterTopology();
            } catch (JedisException e) {
                LOG.debug("Refreshing the cluster topology failed: {}", e.getMessage());
            }
        }
    }

    /** A dedicated connection (outside the pool) for a subscriber; the caller closes it. */
    Connection openDedicated(Endpoint node) {
        return translate("subscribe.connect", () -> new Connection(hostAndPort(node), clientConfig));
    }

    /** Turns Jedis failures into the domain's error; an error reply that is the caller's fault stays a bug. */
    <T> T translate(String operation, Supplier<T> action) {
        try {
            return action.get();
        } catch (JedisDataException e) {
            if (e instanceof JedisAccessControlException || isUnavailableReply(e)) {
                throw down(operation, e);
            }
            throw new IllegalStateException("Redis refused " + operation + ": " + e.getMessage(), e);
        } catch (JedisException e) {
            // Connection refused or reset, timeouts, an exhausted pool, cluster retries used up.
            throw down(operation, e);
        }
    }

    private SyncError.DependencyDown down(String operation, JedisException e) {
        if (reachable.compareAndSet(true, false)) {
            LOG.warn("Redis unreachable during {}: {}", operation, e.getMessage());
        } else {
            LOG.debug("Redis still unreachable during {}: {}", operation, e.getMessage());
        }
        return new SyncError.DependencyDown(DEPENDENCY, operation + " failed: " + e.getMessage(), e);
    }

    private static boolean isUnavailableReply(JedisDataException e) {
        String message = String.valueOf(e.getMessage());
        return UNAVAILABLE_REPLIES.stream().anyMatch(message::startsWith);
    }

    void dropIdleConnections() {
        if (client instanceof RedisClient single) {
            single.getPool().clear();
        } else if (client instanceof RedisClusterClient cluster) {
            cluster.getClusterNodes().values().forEach(ConnectionPool::clear);
        }
    }

    private List<Endpoint> clusterNodes() {
        Map<String, ConnectionPool> nodes = ((RedisClusterClient) client).getClusterNodes();
        List<Endpoint> endpoints = new ArrayList<>();
        nodes.keySet().forEach(address -> endpoints.add(Endpoint.parse(address)));
        return endpoints;
    }

    private UnifiedJedis singleClient() {
        Endpoint node = config.nodes().getFirst();
        return RedisClient.builder().hostAndPort(hostAndPort(node)).clientConfig(clientConfig)
                .poolConfig(poolConfig(config)).build();
    }

    private UnifiedJedis clusterClient() {
        Set<HostAndPort> seeds = config.nodes().stream().map(RedisConnection::hostAndPort).collect(Collectors.toSet());
        // Bounded retries, so that a call during an outage fails within about two command timeouts.
        return RedisClusterClient.builder().nodes(seeds).clientConfig(clientConfig).poolConfig(poolConfig(config))
                .maxAttempts(3).maxTotalRetriesDuration(config.commandTimeout().multipliedBy(2)).build();
    }

    private static JedisClientConfig clientConfig(RedisConfig config) {
        DefaultJedisClientConfig.Builder builder = DefaultJedisClientConfig.builder()
                .resp2()
                .connectionTimeoutMillis(Math.toIntExact(config.connectTimeout().toMillis()))
                .socketTimeoutMillis(Math.toIntExact(config.commandTimeout().toMillis()))
                .clientName("syncbridge")
                .ssl(config.tls());
        config.username().ifPresent(builder::user);
        config.password().ifPresent(builder::password);
        return builder.build();
    }

    private static ConnectionPoolConfig poolConfig(RedisConfig config) {
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(config.poolSize());
        pool.setMaxIdle(config.poolSize());
        pool.setMinIdle(0);
        pool.setMaxWait(config.commandTimeout());
        pool.setTestOnBorrow(false); // a PING per borrow would double the round trips of every call
        pool.setTestWhileIdle(true);
        pool.setTimeBetweenEvictionRuns(Duration.ofSeconds(30));
        return pool;
    }

    private static HostAndPort hostAndPort(Endpoint node) {
        return new HostAndPort(node.host(), node.port());
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
