package io.syncbridge.app.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The keys the server (default prefix {@code sb:}) keeps in the test machine's Redis for the
 * sessions of one test class: their ids share a random tag, so the class finds and removes exactly
 * its own keys.
 */
final class TestRedisKeys {

    static final String ADDRESS = "127.0.0.1:6379";
    private static final String PREFIX = "sb:";

    /** Starts every session id of this test class. */
    final String tag = "pgit" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    /** A new session id carrying the tag. */
    String newSessionId() {
        return tag + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The keys of one session. */
    List<String> keysOf(String sessionId) {
        // Keys are of the owner-scoped id ({owner/id}); tests name sessions by the client's id.
        return scan(PREFIX + "session:{*/" + sessionId + "}*");
    }

    /** Removes the keys of every session of this class. */
    void deleteAll() {
        try (Jedis jedis = jedis()) {
            for (String key : scan(PREFIX + "session:{*/" + tag + "*")) {
                jedis.del(key);
            }
        }
    }

    private List<String> scan(String pattern) {
        List<String> found = new ArrayList<>();
        try (Jedis jedis = jedis()) {
            String cursor = ScanParams.SCAN_POINTER_START;
            ScanParams params = new ScanParams().match(pattern).count(1_000);
            do {
                ScanResult<String> page = jedis.scan(cursor, params);
                found.addAll(page.getResult());
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        }
        return found;
    }

    private static Jedis jedis() {
        String[] hostPort = ADDRESS.split(":");
        return new Jedis(hostPort[0], Integer.parseInt(hostPort[1]));
    }
}
