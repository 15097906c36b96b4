package io.syncbridge.adapter.redis;

import io.syncbridge.adapter.redis.RedisConfig.Endpoint;
import java.util.List;
import java.util.UUID;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/** The Redis of the test machine, a key prefix per test, and removal of every key a test made. */
final class TestRedis {

    /** The Redis every developer machine and CI runs. */
    static final String ADDRESS = "127.0.0.1:6379";

    private TestRedis() {
    }

    /** A prefix no other test run uses. */
    static String uniquePrefix() {
        return "sbtest:" + UUID.randomUUID().toString().substring(0, 8) + ":";
    }

    static RedisConfig local(String prefix) {
        return RedisConfig.standalone(ADDRESS).withKeyPrefix(prefix);
    }

    /** Every key under the prefix, on every node of the connection. */
    static List<String> keys(RedisConfig config) {
        List<String> found = new java.util.ArrayList<>();
        for (Endpoint node : nodes(config)) {
            try (Jedis jedis = new Jedis(node.host(), node.port())) {
                String cursor = ScanParams.SCAN_POINTER_START;
                ScanParams params = new ScanParams().match(config.keyPrefix() + "*").count(1_000);
                do {
                    ScanResult<String> page = jedis.scan(cursor, params);
                    found.addAll(page.getResult());
                    cursor = page.getCursor();
                } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
            }
        }
        return found;
    }

    /** Deletes every key under the prefix (each on the node that holds it). */
    static void deleteKeys(RedisConfig config) {
        for (Endpoint node : nodes(config)) {
            try (Jedis jedis = new Jedis(node.host(), node.port())) {
                String cursor = ScanParams.SCAN_POINTER_START;
                ScanParams params = new ScanParams().match(config.keyPrefix() + "*").count(1_000);
                do {
                    ScanResult<String> page = jedis.scan(cursor, params);
                    for (String key : page.getResult()) {
                        jedis.del(key);
                    }
                    cursor = page.getCursor();
                } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
            }
        }
    }

    /** For a cluster, the seeds are all of its masters in these tests. */
    private static List<Endpoint> nodes(RedisConfig config) {
        return config.nodes();
    }
}
