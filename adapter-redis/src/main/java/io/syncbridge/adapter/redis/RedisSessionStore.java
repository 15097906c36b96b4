package io.syncbridge.adapter.redis;

import io.syncbridge.domain.change.AppliedChange;
import io.syncbridge.domain.change.MutationId;
import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.SessionPolicy;
import io.syncbridge.domain.state.JsonCodec;
import io.syncbridge.domain.state.JsonObject;
import io.syncbridge.domain.state.JsonValue;
import io.syncbridge.domain.state.StateDocument;
import io.syncbridge.domain.state.StateLimits;
import io.syncbridge.domain.time.Clock;
import io.syncbridge.port.out.ChangeLog;
import io.syncbridge.port.out.SessionStore;
import io.syncbridge.port.out.codec.ChangeJson;
import io.syncbridge.port.out.codec.EventJson;
import io.syncbridge.port.out.codec.JsonText;
import io.syncbridge.port.out.codec.SessionJson;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Persistence adapter: session heads, their change logs and mutation ids in Redis. A commit is one
 * Lua script (compare revision, write head, append and trim the log, record the mutation id,
 * SPUBLISH the StateChanged event), so an accepted change costs one round trip and is durable in
 * Redis before any node hears of it.
 *
 * <p>The state is kept as a checkpoint plus the log tail after it: a commit sends the head without
 * its state and the change, never the whole state, so its cost does not grow with the state.
 * {@link #load} rebuilds the state from the checkpoint and the tail. When the tail has grown to
 * half the log's capacity, or to as many bytes as the checkpoint, the script says a checkpoint is
 * due and the next commit of the session from this node carries the state (amortised, a
 * checkpoint costs no more bytes than the changes it covers).
 */
public final class RedisSessionStore implements SessionStore, ChangeLog {

    /** Redis keeps a head this much longer than its expiry, so that the clock, not Redis, decides. */
    static final Duration PHYSICAL_GRACE = Duration.ofMinutes(1);

    private static final LuaScript COMMIT = LuaScript.load("commit");
    private static final LuaScript INSERT = LuaScript.load("insert");
    private static final LuaScript DELETE = LuaScript.load("delete");
    private static final LuaScript SINCE = LuaScript.load("since");
    private static final LuaScript LOAD = LuaScript.load("load");
    /** Replayed changes were within the limits when accepted; a later, tighter policy must not refuse them. */
    private static final StateLimits REPLAY_LIMITS = new StateLimits(Integer.MAX_VALUE, Integer.MAX_VALUE);
    private static final LuaScript APPLIED_VERSION = LuaScript.load("applied_version");

    private final RedisConnection redis;
    private final RedisKeys keys;
    private final Clock clock;
    private final int logCapacity;
    private final Duration logMaxAge;
    private final int checkpointEvery;
    /** Sessions whose last commit from here was told a checkpoint is due: the next one carries the state. */
    private final Set<SessionId> checkpointDue = ConcurrentHashMap.newKeySet();

    /** A store whose log keeps the policy's {@code changeLogCapacity} entries for {@code changeLogMaxAge}. */
    public RedisSessionStore(RedisConnection redis, SessionPolicy policy, Clock clock) {
        this(redis, clock, policy.changeLogCapacity(), policy.changeLogMaxAge());
    }

    /** A store whose log keeps at most {@code logCapacity} entries, each for {@code logMaxAge} by the clock. */
    public RedisSessionStore(RedisConnection redis, Clock clock, int logCapacity, Duration logMaxAge) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.keys = redis.keys();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.logMaxAge = Objects.requireNonNull(logMaxAge, "logMaxAge");
        if (logCapacity < 1) {
            throw new IllegalArgumentException("log capacity must be at least 1");
        }
        if (logMaxAge.isNegative() || logMaxAge.isZero()) {
            throw new IllegalArgumentException("log max age must be positive");
        }
        this.logCapacity = logCapacity;
        this.checkpointEvery = Math.max(1, logCapacity / 2);
    }

    @Override
    public Optional<Session> load(SessionId id) {
        List<?> reply = (List<?>) redis.eval("session.load", true, LOAD, List.of(keys.head(id), keys.log(id)),
                List.of());
        String expires = (String) reply.get(3);
        Instant now = clock.now();
        if (expires.isEmpty() || Long.parseLong(expires) <= EpochMicros.of(now)) {
            return Optional.empty();
        }
        String legacy = (String) reply.get(5);
        if (!legacy.isEmpty()) {
            return Optional.of(SessionJson.sessionFromText(legacy)).filter(s -> !s.isExpired(now));
        }
        JsonValue head = JsonText.parse((String) reply.get(0));
        StateDocument state = StateDocument.of((JsonObject) JsonText.parse((String) reply.get(1)));
        long version = Long.parseLong((String) reply.get(2));
        for (Object member : (List<?>) reply.get(4)) {
            AppliedChange change = logEntry((String) member);
            if (change.version() != ++version) {
                throw new IllegalStateException("the log of session " + id + " misses version " + version
                        + " after its checkpoint");
            }
            state = state.apply(change.operations(), REPLAY_LIMITS);
        }
        Session session = SessionJson.session(head, state);
        if (session.version() != version) {
            throw new IllegalStateException("the log of session " + id + " ends at version " + version
                    + " but its head is at version " + session.version());
        }
        return Optional.of(session).filter(s -> !s.isExpired(now));
    }

    @Override
    public boolean insert(Session session) {
        SessionId id = session.id();
        Instant now = clock.now();
        List<String> args = new ArrayList<>(11);
        args.add(Long.toString(EpochMicros.of(now)));
        args.addAll(headFields(session));
        args.add(Long.toString(physicalTtl(session, now).toMillis()));
        args.add(Long.toString(EpochMicros.of(session.createdAt())));
        args.add(JsonCodec.write(session.state().root()));
        // Not retried: had the first attempt landed, the retry would wrongly report the id as taken.
        Object inserted = redis.eval("session.insert", false, INSERT,
                List.of(keys.head(id), keys.log(id), keys.mutations(id)), args);
        return isOne(inserted);
    }

    @Override
    public boolean commit(long expectedRevision, Session next, Optional<AppliedChange> change) {
        Objects.requireNonNull(next, "next");
        change.ifPresent(applied -> {
            if (applied.version() != next.version()) {
                throw new IllegalArgumentException("the change produced version " + applied.version()
                        + " but the session is at version " + next.version());
            }
        });
        SessionId id = next.id();
        boolean withState = checkpointDue.remove(id);
        long reply = commitScript(expectedRevision, next, change, withState);
        if (reply == HEAD_WITHOUT_CHECKPOINT && !withState) {
            reply = commitScript(expectedRevision, next, change, true);
        }
        if (reply == CHECKPOINT_DUE) {
            checkpointDue.add(id);
        } else if (reply == REFUSED && withState) {
            checkpointDue.add(id); // still due: the commit that was to carry it did not land
        }
        return reply == COMMITTED || reply == CHECKPOINT_DUE;
    }

    private long commitScript(long expectedRevision, Session next, Optional<AppliedChange> change, boolean withState) {
        SessionId id = next.id();
        List<String> args = commitArguments(expectedRevision, next, change, withState);
        // Safe to retry: a compare-and-set that landed the first time fails the second and the
        // caller, reloading, finds its own change (and mutation id) already there.
        // Pipelined with the commits of other sessions (group commit): one round trip, shared.
        Object committed = redis.evalPipelined("session.commit", COMMIT, commitKeys(id), args);
        return committed instanceof Long n ? n : REFUSED;
    }

    List<String> commitKeys(SessionId id) {
        return List.of(keys.head(id), keys.log(id), keys.mutations(id), keys.feed(id));
    }

    static LuaScript commitScript() {
        return COMMIT;
    }

    /** The commit script's ARGV, in the order commit.lua documents. */
    List<String> commitArguments(long expectedRevision, Session next, Optional<AppliedChange> change,
                                 boolean withState) {
        Instant now = clock.now();
        List<String> args = new ArrayList<>(20);
        args.add(Long.toString(expectedRevision));
        args.add(Long.toString(EpochMicros.of(now)));
        args.add(Long.toString(EpochMicros.of(next.createdAt())));
        args.addAll(headFields(next));
        args.add(Long.toString(physicalTtl(next, now).toMillis()));
        args.add(withState ? JsonCodec.write(next.state().root()) : "");
        if (change.isPresent()) {
            AppliedChange applied = change.get();
            String changeText = ChangeJson.appliedChangeText(applied); // once, for the log and the event
            args.add("1");
            args.add(Long.toString(applied.version()));
            args.add(applied.appliedAt().toEpochMilli() + "|" + changeText);
            args.add(applied.mutationId().value());
            args.add(Integer.toString(logCapacity));
            args.add(Long.toString(now.minus(logMaxAge).toEpochMilli()));
            args.add(EventJson.stateChangedText(DomainEvent.stateChanged(next, applied), changeText));
        } else {
            args.addAll(List.of("0", "", "", "", Integer.toString(logCapacity), "0", ""));
        }
        args.add(Integer.toString(checkpointEvery));
        return args;
    }

    @Override
    public boolean delete(SessionId id) {
        checkpointDue.remove(id);
        Object deleted = redis.eval("session.delete", false, DELETE,
                List.of(keys.head(id), keys.log(id), keys.mutations(id)), List.of());
        return isOne(deleted);
    }

    @Override
    public Optional<Long> appliedVersion(SessionId id, MutationId mutationId) {
        Object version = redis.eval("session.appliedVersion", true, APPLIED_VERSION,
                List.of(keys.head(id), keys.mutations(id)), List.of(Long.toString(EpochMicros.of(clock.now())), mutationId.value()));
        return Optional.ofNullable((String) version).map(Long::parseLong);
    }

    /**
     * {@inheritDoc} An unknown or expired session gives {@code Optional.empty()}: there is no log
     * that could vouch for what happened after {@code afterVersion}.
     */
    @Override
    public Optional<List<AppliedChange>> since(SessionId id, long afterVersion) {
        if (afterVersion < 0) {
            throw new IllegalArgumentException("afterVersion must not be negative");
        }
        List<?> reply = (List<?>) redis.eval("changelog.since", true, SINCE, List.of(keys.head(id), keys.log(id)),
                List.of(Long.toString(afterVersion)));
        String version = (String) reply.get(0);
        String expires = (String) reply.get(1);
        Instant now = clock.now();
        if (version.isEmpty() || Long.parseLong(expires) <= EpochMicros.of(now)) {
            return Optional.empty();
        }
        if (afterVersion >= Long.parseLong(version)) {
            return Optional.of(List.of());
        }
        long cutoff = now.minus(logMaxAge).toEpochMilli();
        // The log also holds the tail after the state's checkpoint, which may reach further back
        // than the log's capacity: only the newest logCapacity versions are the log's to show.
        long oldestShown = Long.parseLong(version) - logCapacity + 1;
        List<AppliedChange> changes = new ArrayList<>();
        for (Object member : (List<?>) reply.get(2)) {
            String text = (String) member;
            int bar = text.indexOf('|');
            // An entry as old as the log's maximum age is gone, whether or not a commit trimmed it yet.
            if (Long.parseLong(text.substring(0, bar)) > cutoff) {
                AppliedChange change = ChangeJson.appliedChangeFromText(text.substring(bar + 1));
                if (change.version() >= oldestShown) {
                    changes.add(change);
                }
            }
        }
        if (changes.isEmpty() || changes.getFirst().version() != afterVersion + 1) {
            return Optional.empty();
        }
        return Optional.of(List.copyOf(changes));
    }

    private static AppliedChange logEntry(String member) {
        return ChangeJson.appliedChangeFromText(member.substring(member.indexOf('|') + 1));
    }

    /** Revision, version, head JSON (no state), owner, status, active device, expires-at: the head's fields in script order. */
    private static List<String> headFields(Session session) {
        return List.of(Long.toString(session.revision()), Long.toString(session.version()),
                SessionJson.headText(session), session.owner().value(), session.status().wireName(),
                session.activeDevice().map(d -> d.value()).orElse(""), Long.toString(EpochMicros.of(session.expiresAt())));
    }

    /** Until the head's expiry by the clock, plus the grace: Redis then drops it by itself. */
    private static Duration physicalTtl(Session session, Instant now) {
        Duration left = Duration.between(now, session.expiresAt());
        return (left.isNegative() ? Duration.ZERO : left).plus(PHYSICAL_GRACE);
    }

    private static final long REFUSED = 0;
    private static final long COMMITTED = 1;
    private static final long CHECKPOINT_DUE = 2;
    private static final long HEAD_WITHOUT_CHECKPOINT = 3;

    private static boolean isOne(Object reply) {
        return reply instanceof Long n && n == 1L;
    }
}
