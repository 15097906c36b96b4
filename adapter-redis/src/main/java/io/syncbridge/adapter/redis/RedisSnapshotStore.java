package io.syncbridge.adapter.redis;

import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.snapshot.Snapshot;
import io.syncbridge.domain.snapshot.SnapshotId;
import io.syncbridge.domain.time.Clock;
import io.syncbridge.port.out.SnapshotStore;
import io.syncbridge.port.out.codec.SnapshotJson;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Persistence adapter: snapshots in Redis, one hash each with a TTL from the snapshot's expiry,
 * indexed per session by creation time. Whether a snapshot has expired is decided by the clock;
 * the TTL only makes sure Redis lets go of it too.
 */
public final class RedisSnapshotStore implements SnapshotStore {

    /** Redis keeps a snapshot this much longer than its expiry, so the clock, not Redis, decides. */
    static final Duration PHYSICAL_GRACE = Duration.ofMinutes(1);

    private static final LuaScript SAVE = LuaScript.load("snapshot_save");
    private static final LuaScript SCAN = LuaScript.load("snapshot_scan");
    private static final LuaScript DELETE_ALL = LuaScript.load("snapshot_delete_all");

    private final RedisConnection redis;
    private final RedisKeys keys;
    private final Clock clock;

    public RedisSnapshotStore(RedisConnection redis, Clock clock) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.keys = redis.keys();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void save(Snapshot snapshot) {
        SessionId session = snapshot.sessionId();
        Duration left = Duration.between(clock.now(), snapshot.expiresAt());
        long ttl = Math.max(left.toMillis(), 0) + PHYSICAL_GRACE.toMillis();
        redis.eval("snapshot.save", true, SAVE, List.of(keys.snapshot(session, snapshot.id()), keys.snapshots(session)),
                List.of(Long.toString(snapshot.expiresAt().toEpochMilli()), SnapshotJson.snapshotText(snapshot),
                        Long.toString(ttl), Long.toString(EpochMicros.of(snapshot.createdAt())), snapshot.id().value()));
    }

    @Override
    public Optional<Snapshot> find(SessionId session, SnapshotId id) {
        String body = redis.call("snapshot.find", true, r -> r.hget(keys.snapshot(session, id), "body"));
        Instant now = clock.now();
        return Optional.ofNullable(body).map(SnapshotJson::snapshotFromText).filter(s -> !s.isExpired(now));
    }

    @Override
    public List<Snapshot> list(SessionId session, int limit, Optional<Instant> before) {
        Objects.requireNonNull(before, "before");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
        if (limit == 0) {
            return List.of();
        }
        Instant now = clock.now();
        String highest = before.map(RedisSnapshotStore::highestScoreBefore).orElse("+inf");
        Object reply = redis.eval("snapshot.list", true, SCAN, List.of(keys.snapshots(session)),
                List.of(keys.snapshotBase(session), Long.toString(now.toEpochMilli()), highest,
                        Integer.toString(limit), "list"));
        List<Snapshot> snapshots = new ArrayList<>();
        for (Object body : (List<?>) reply) {
            Snapshot snapshot = SnapshotJson.snapshotFromText((String) body);
            // The index is exact to the microsecond; finer instants are compared here.
            if (!snapshot.isExpired(now) && before.map(snapshot.createdAt()::isBefore).orElse(true)) {
                snapshots.add(snapshot);
            }
        }
        return List.copyOf(snapshots);
    }

    @Override
    public int count(SessionId session) {
        Object reply = redis.eval("snapshot.count", true, SCAN, List.of(keys.snapshots(session)),
                List.of(keys.snapshotBase(session), Long.toString(clock.now().toEpochMilli()), "+inf", "0", "count"));
        return Math.toIntExact((Long) reply);
    }

    @Override
    public void deleteAll(SessionId session) {
        redis.eval("snapshot.deleteAll", true, DELETE_ALL, List.of(keys.snapshots(session)),
                List.of(keys.snapshotBase(session)));
    }

    /** The score bound for "created strictly before": exclusive when the instant is a whole microsecond. */
    private static String highestScoreBefore(Instant before) {
        long micros = EpochMicros.of(before);
        return before.getNano() % 1_000 == 0 ? "(" + micros : Long.toString(micros);
    }
}
