package io.syncbridge.adapter.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What one contract test runs on: a Redis (the machine's, or the test cluster), a key prefix of
 * its own, and the connections and feeds it opened, all closed and every key deleted afterwards.
 */
final class RedisTestBed implements AutoCloseable {

    private final RedisConfig config;
    private final List<AutoCloseable> opened = new ArrayList<>();

    private RedisTestBed(Function<String, RedisConfig> target) {
        this.config = target.apply(TestRedis.uniquePrefix());
    }

    /** On the Redis at 127.0.0.1:6379. */
    static RedisTestBed standalone() {
        return new RedisTestBed(TestRedis::local);
    }

    /** On a Redis Cluster with these seed nodes (all of its masters). */
    static RedisTestBed cluster(String seeds) {
        return new RedisTestBed(prefix -> RedisConfig.cluster(seeds).withKeyPrefix(prefix));
    }

    RedisConfig config() {
        return config;
    }

    /** A connection of one more "node" sharing this test's keys. */
    RedisConnection connect() {
        return track(RedisConnection.open(config));
    }

    /** A change feed on a connection of its own (another node). */
    RedisChangeFeed feed() {
        return track(new RedisChangeFeed(connect()));
    }

    <T extends AutoCloseable> T track(T resource) {
        opened.add(resource);
        return resource;
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable resource : opened.reversed()) {
            resource.close();
        }
        TestRedis.deleteKeys(config);
    }
}
