package io.syncbridge.adapter.redis;

import io.syncbridge.domain.change.AppliedChange;
import io.syncbridge.domain.change.MutationId;
import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.SessionPolicy;
import io.syncbridge.domain.time.Clock;
import io.syncbridge.domain.time.IdSource;
import io.syncbridge.port.out.ChangeLog;
import io.syncbridge.port.out.SessionStore;
import io.syncbridge.port.out.codec.ChangeJson;
import io.syncbridge.port.out.codec.EventJson;
import io.syncbridge.port.out.codec.SessionJson;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Persistence adapter: session heads, their change logs and mutation ids in Redis. A commit is one
 * Lua script (compare revision, write head, append and trim the log, record the mutation id,
 * SPUBLISH the StateChanged event), so an accepted change costs one round trip and is durable in
 * Redis before any node hears of it.
 */
public final class RedisSessionStore implements SessionStore, ChangeLog {

    /** How many mutation ids a session remembers for de-duplication (more than the log, as they are small). */
    public static final int DEFAULT_MUTATION_IDS_KEPT = 10_000;
    /** How long a head stays in Redis after it expired, so the expiry sweep can still see and announce it. */
    public static final Duration DEFAULT_RETENTION_AFTER_EXPIRY = Duration.ofDays(1);

    private static final LuaScript COMMIT = LuaScript.load("commit");
    private static final LuaScript INSERT = LuaScript.load("insert");
    private static final LuaScript DELETE = LuaScript.load("delete");
    private static final LuaScript SINCE = LuaScript.load("since");

    private final RedisConnection redis;
    private final RedisKeys keys;
    private final Clock clock;
    private final IdSource ids;
    private final int logCapacity;
    private final Duration logMaxAge;
    private final int mutationIdsKept;
    private final Duration retentionAfterExpiry;

    public RedisSessionStore(RedisConnection redis, SessionPolicy policy, Clock clock, IdSource ids) {
        this(redis, policy, clock, ids, DEFAULT_MUTATION_IDS_KEPT, DEFAULT_RETENTION_AFTER_EXPIRY);
    }

    public RedisSessionStore(RedisConnection redis, SessionPolicy policy, Clock clock, IdSource ids,
                             int mutationIdsKept, Duration retentionAfterExpiry) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.keys = redis.keys();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.logCapacity = policy.changeLogCapacity();
        this.logMaxAge = policy.changeLogMaxAge();
        this.mutationIdsKept = Math.max(mutationIdsKept, logCapacity);
        this.retentionAfterExpiry = Objects.requireNonNull(retentionAfterExpiry, "retentionAfterExpiry");
    }

    @Override
    public Optional<Session> load(SessionId id) {
        String json = redis.call("session.load", true, r -> r.hget(keys.head(id), "session"));
        return Optional.ofNullable(json).map(SessionJson::sessionFromText);
    }

    @Override
    public boolean insert(Session session) {
        SessionId id = session.id();
        List<String> args = new ArrayList<>(headFields(session));
        args.add(Long.toString(physicalTtl(session).toMillis()));
        // Not retried: had the first attempt landed, the retry would wrongly report the id as taken.
        Object inserted = redis.eval("session.insert", false, INSERT,
                List.of(keys.head(id), keys.log(id), keys.mutations(id)), args);
        return isOne(inserted);
    }

    @Override
    public boolean commit(long expectedRevision, Session next, Optional<AppliedChange> change) {
        SessionId id = next.id();
        Instant now = clock.now();
        List<String> args = new ArrayList<>(17);
        args.add(Long.toString(expectedRevision));
        args.addAll(headFields(next));
        args.add(Long.toString(physicalTtl(next).toMillis()));
        if (change.isPresent()) {
            AppliedChange applied = change.get();
            DomainEvent event = DomainEvent.stateChanged(ids.newId(), next, applied);
            args.add("1");
            args.add(Long.toString(applied.version()));
            args.add(logMember(applied));
            args.add(applied.mutationId().value());
            args.add(Integer.toString(logCapacity));
            args.add(Long.toString(now.minus(logMaxAge).toEpochMilli()));
            args.add(Integer.toString(mutationIdsKept));
            args.add(EventJson.eventText(event));
        } else {
            args.add("0");
        }
        // Safe to retry: a compare-and-set that landed the first time fails the second and the
        // caller, reloading, finds its own change (and mutation id) already there.
        Object committed = redis.eval("session.commit", true, COMMIT,
                List.of(keys.head(id), keys.log(id), keys.mutations(id), keys.feed(id)), args);
        return isOne(committed);
    }

    @Override
    public boolean delete(SessionId id) {
        Object deleted = redis.eval("session.delete", false, DELETE,
                List.of(keys.head(id), keys.log(id), keys.mutations(id)), List.of());
        return isOne(deleted);
    }

    @Override
    public Optional<Long> appliedVersion(SessionId id, MutationId mutationId) {
        Double score = redis.call("session.mutation", true, r -> r.zscore(keys.mutations(id), mutationId.value()));
        return Optional.ofNullable(score).map(Double::longValue);
    }

    @Override
    public Optional<List<AppliedChange>> since(SessionId id, long afterVersion) {
        Object reply = redis.eval("changelog.since", true, SINCE, List.of(keys.head(id), keys.log(id)),
                List.of(Long.toString(afterVersion)));
        List<?> parts = (List<?>) reply;
        String headVersion = (String) parts.get(0);
        long current = headVersion.isEmpty() ? 0 : Long.parseLong(headVersion);
        long cutoff = clock.now().minus(logMaxAge).toEpochMilli();
        List<AppliedChange> changes = new ArrayList<>();
        for (Object member : (List<?>) parts.get(1)) {
            String text = (String) member;
            int bar = text.indexOf('|');
            // An entry older than the log's age is gone, whether or not a commit has trimmed it yet.
            if (Long.parseLong(text.substring(0, bar)) >= cutoff) {
                changes.add(ChangeJson.appliedChangeFromText(text.substring(bar + 1)));
            }
        }
        if (afterVersion >= current) {
            return Optional.of(List.of());
        }
        if (changes.isEmpty() || changes.getFirst().version() != afterVersion + 1) {
            return Optional.empty();
        }
        return Optional.of(List.copyOf(changes));
    }

    /** Revision, version, session JSON, owner, status, active device, expires-at: the head's fields in script order. */
    private static List<String> headFields(Session session) {
        return List.of(Long.toString(session.revision()), Long.toString(session.version()),
                SessionJson.sessionText(session), session.owner().value(), session.status().wireName(),
                session.activeDevice().map(d -> d.value()).orElse(""), session.expiresAt().toString());
    }

    private static String logMember(AppliedChange change) {
        return change.appliedAt().toEpochMilli() + "|" + ChangeJson.appliedChangeText(change);
    }

    /** Redis keeps a head until its expiry by the clock plus the retention, then drops it by itself. */
    private Duration physicalTtl(Session session) {
        Duration left = Duration.between(clock.now(), session.expiresAt());
        return (left.isNegative() ? Duration.ZERO : left).plus(retentionAfterExpiry).plusMillis(1);
    }

    private static boolean isOne(Object reply) {
        return reply instanceof Long n && n == 1L;
    }
}
