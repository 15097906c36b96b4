package io.syncbridge.app;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.syncbridge.adapter.redis.RedisConnection;
import io.syncbridge.adapter.redis.RedisMemory;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redis as the server sees it, for the memory alerts and the dashboard: {@code redis_up} (every
 * node answered the last poll) and {@code redis_memory_used_bytes{node}} /
 * {@code redis_memory_max_bytes{node}} from {@code INFO memory}, refreshed by {@link #poll()}.
 */
final class RedisMemoryGauges {

    private static final Logger LOG = LoggerFactory.getLogger(RedisMemoryGauges.class);

    private record NodeFigures(AtomicLong used, AtomicLong max) {
    }

    private final RedisConnection connection;
    private final MeterRegistry registry;
    private final AtomicInteger up = new AtomicInteger();
    private final Map<String, NodeFigures> nodes = new ConcurrentHashMap<>();

    RedisMemoryGauges(RedisConnection connection, MeterRegistry registry) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.registry = Objects.requireNonNull(registry, "registry");
        Gauge.builder("redis.up", up, AtomicInteger::get).strongReference(true)
                .description("1 when every Redis node answered the last INFO poll").register(registry);
    }

    /** Asks every node for {@code INFO memory}; a node that stops answering keeps its last figures. */
    void poll() {
        try {
            for (RedisMemory memory : connection.memory()) {
                NodeFigures figures = nodes.computeIfAbsent(memory.node(), this::register);
                figures.used().set(memory.usedBytes());
                figures.max().set(memory.maxBytes());
            }
            if (up.getAndSet(1) == 0) {
                LOG.debug("Redis INFO memory answered");
            }
        } catch (RuntimeException e) {
            up.set(0);
            throw e;
        }
    }

    private NodeFigures register(String node) {
        NodeFigures figures = new NodeFigures(new AtomicLong(), new AtomicLong());
        Gauge.builder("redis.memory.used.bytes", figures.used(), AtomicLong::get).tag("node", node).strongReference(true)
                .description("used_memory of the Redis node (INFO memory)").register(registry);
        Gauge.builder("redis.memory.max.bytes", figures.max(), AtomicLong::get).tag("node", node).strongReference(true)
                .description("maxmemory of the Redis node (INFO memory); 0 means no limit").register(registry);
        return figures;
    }
}
