package io.syncbridge.app.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The sessions a test created on a Redis, so that their keys ({@code sb:session:{owner/id}…}: ids
 * are scoped to their owner) are deleted afterwards. Tests name sessions by the client's id.
 */
final class SessionKeys {

    private final String host;
    private final int port;
    private final Set<String> sessions = ConcurrentHashMap.newKeySet();

    SessionKeys(String address) {
        String[] parts = address.split(":");
        this.host = parts[0];
        this.port = Integer.parseInt(parts[1]);
    }

    /** Remembers a session id for clean-up; returns it. */
    String track(String session) {
        sessions.add(session);
        return session;
    }

    /** The keys of the tracked sessions still in Redis. */
    List<String> remaining() {
        try (Jedis jedis = new Jedis(host, port)) {
            List<String> keys = new ArrayList<>();
            for (String session : sessions) {
                keys.addAll(scan(jedis, "sb:session:{*/" + session + "}*"));
            }
            return keys;
        }
    }

    /** How many connections Redis holds as present on {@code session} (live or not yet swept). */
    long presentConnections(String session) {
        try (Jedis jedis = new Jedis(host, port)) {
            List<String> presence = scan(jedis, "sb:session:{*/" + session + "}:presence");
            return presence.isEmpty() ? 0 : jedis.zcard(presence.getFirst());
        }
    }

    /** Deletes every key of the tracked sessions. */
    void deleteAll() {
        List<String> keys = remaining();
        if (!keys.isEmpty()) {
            try (Jedis jedis = new Jedis(host, port)) {
                jedis.del(keys.toArray(String[]::new));
            }
        }
        sessions.clear();
    }

    private static List<String> scan(Jedis jedis, String pattern) {
        List<String> keys = new ArrayList<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = jedis.scan(cursor, new ScanParams().match(pattern).count(500));
            keys.addAll(page.getResult());
            cursor = page.getCursor();
        } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
        return keys;
    }
}
