package io.syncbridge.adapter.redis;

import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.time.Clock;
import io.syncbridge.port.out.Presence;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Presence adapter: a sorted set per session of live connections ({@code <deviceId> <connectionId>},
 * scored by expiry), shared by every node. An entry not refreshed in time counts as gone, so a node
 * that dies leaves no ghosts; the key itself expires once its last entry has.
 */
public final class RedisPresence implements Presence {

    /** How much longer than its last entry the key stays in Redis. */
    static final Duration PHYSICAL_GRACE = Duration.ofMinutes(1);

    private static final LuaScript CONNECT = LuaScript.load("presence_connect");
    private static final LuaScript REFRESH = LuaScript.load("presence_refresh");
    private static final LuaScript DISCONNECT = LuaScript.load("presence_disconnect");

    private final RedisConnection redis;
    private final RedisKeys keys;
    private final Clock clock;

    public RedisPresence(RedisConnection redis, Clock clock) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.keys = redis.keys();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public boolean connected(SessionId session, DeviceId device, String connectionId, Duration ttl) {
        return Long.valueOf(1).equals(connect(session, device, connectionId, ttl, List.of()));
    }

    /** One script call: the connection recorded and the live members listed. */
    @Override
    public Set<DeviceId> connectedAndOnline(SessionId session, DeviceId device, String connectionId, Duration ttl) {
        List<?> reply = (List<?>) connect(session, device, connectionId, ttl, List.of("online"));
        return devicesOf(reply.subList(1, reply.size()));
    }

    private Object connect(SessionId session, DeviceId device, String connectionId, Duration ttl,
                           List<String> extra) {
        requirePositive(ttl);
        Instant now = clock.now();
        List<String> args = new ArrayList<>(7);
        args.addAll(List.of(member(device, connectionId), device.value() + " ", " " + connectionId,
                Long.toString(now.plus(ttl).toEpochMilli()), Long.toString(now.toEpochMilli()),
                Long.toString(PHYSICAL_GRACE.toMillis())));
        args.addAll(extra);
        return redis.eval("presence.connect", true, CONNECT, List.of(keys.presence(session)), args);
    }

    /** Extends a live entry only: a closed or expired connection stays gone until it connects again. */
    @Override
    public void refresh(SessionId session, DeviceId device, String connectionId, Duration ttl) {
        requirePositive(ttl);
        Instant now = clock.now();
        redis.eval("presence.refresh", true, REFRESH, List.of(keys.presence(session)),
                List.of(member(device, connectionId), Long.toString(now.plus(ttl).toEpochMilli()),
                        Long.toString(now.toEpochMilli()), Long.toString(PHYSICAL_GRACE.toMillis())));
    }

    @Override
    public boolean disconnected(SessionId session, DeviceId device, String connectionId) {
        Object last = redis.eval("presence.disconnect", true, DISCONNECT, List.of(keys.presence(session)),
                List.of(member(device, connectionId), device.value() + " ",
                        Long.toString(clock.now().toEpochMilli())));
        return Long.valueOf(1).equals(last);
    }

    @Override
    public Set<DeviceId> online(SessionId session) {
        String after = "(" + clock.now().toEpochMilli();
        List<String> members = redis.call("presence.online", true,
                r -> r.zrangeByScore(keys.presence(session), after, "+inf"));
        return devicesOf(members);
    }

    /** The devices of presence members ({@code <deviceId> <connectionId>}). */
    private static Set<DeviceId> devicesOf(List<?> members) {
        Set<DeviceId> devices = new LinkedHashSet<>();
        for (Object member : members) {
            String text = (String) member;
            devices.add(new DeviceId(text.substring(0, text.indexOf(' '))));
        }
        return Set.copyOf(devices);
    }

    private static void requirePositive(Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive");
        }
    }

    /** Device ids hold no spaces, so the first space separates them from the connection id. */
    private static String member(DeviceId device, String connectionId) {
        Objects.requireNonNull(connectionId, "connectionId");
        return device.value() + " " + connectionId;
    }
}
