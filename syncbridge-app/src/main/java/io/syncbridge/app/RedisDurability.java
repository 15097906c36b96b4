package io.syncbridge.app;

import io.syncbridge.adapter.redis.RedisConnection;
import io.syncbridge.adapter.redis.RedisHealth;
import io.syncbridge.adapter.redis.RedisPersistence;
import io.syncbridge.port.out.DependencyCheck;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the session store's Redis keeps on disk, read from the server at start-up and with every
 * health probe: said in the log (loudly when it keeps nothing) and in {@code /health} as the
 * cache's backend, e.g. {@code redis, persistence AOF (appendfsync everysec)}.
 */
final class RedisDurability {

    private static final Logger LOG = LoggerFactory.getLogger(RedisDurability.class);

    private final RedisConnection connection;
    private final boolean durableTier;
    private volatile String described = "unknown";

    RedisDurability(RedisConnection connection, boolean durableTier) {
        this.connection = connection;
        this.durableTier = durableTier;
    }

    /** Reads and logs the persistence of every node; a Redis that is down at start-up is only noted. */
    void reportAtStart() {
        List<RedisPersistence> nodes;
        try {
            nodes = read();
        } catch (RuntimeException e) {
            LOG.warn("Could not read the persistence of Redis at start-up: {}", e.toString());
            return;
        }
        if (nodes.stream().allMatch(RedisPersistence::persists)) {
            LOG.info("Redis persistence: {}", RedisPersistence.describe(nodes));
            return;
        }
        if (durableTier) {
            LOG.warn("REDIS KEEPS NOTHING ON DISK ({}): a restart or flush of Redis loses the live session heads; "
                    + "they are restored from their PostgreSQL checkpoints, which lag by up to CHECKPOINT_INTERVAL, "
                    + "so changes acknowledged in that last interval are lost. Enable AOF (appendonly yes) to lose none.",
                    RedisPersistence.describe(nodes));
        } else {
            LOG.error("REDIS KEEPS NOTHING ON DISK ({}) AND THERE IS NO DURABLE TIER: a restart or flush of Redis "
                    + "loses EVERY SESSION and every acknowledged change. Enable AOF (appendonly yes, appendfsync "
                    + "everysec or always) or set DATABASE_URL for checkpoints.", RedisPersistence.describe(nodes));
        }
    }

    /** The cache's health check: PING on every node, then its persistence, shown as the backend. */
    DependencyCheck healthCheck() {
        return new DependencyCheck() {
            @Override
            public String name() {
                return "cache";
            }

            @Override
            public String backend() {
                return "redis, persistence " + described;
            }

            @Override
            public boolean critical() {
                return true;
            }

            @Override
            public void probe() {
                RedisHealth health = connection.probe();
                if (!health.up()) {
                    throw new IllegalStateException(health.detail());
                }
                try {
                    read();
                } catch (RuntimeException e) {
                    LOG.debug("Reading the persistence of Redis failed: {}", e.toString());
                }
            }
        };
    }

    private List<RedisPersistence> read() {
        List<RedisPersistence> nodes = connection.persistence();
        described = RedisPersistence.describe(nodes) + (nodes.stream().allMatch(RedisPersistence::persists) ? ""
                : durableTier ? " (sessions restored from PostgreSQL checkpoints after a loss)"
                : " (A LOSS OF REDIS LOSES EVERY SESSION)");
        return nodes;
    }
}
