package io.syncbridge.adapter.redis;

import io.syncbridge.domain.change.AppliedChange;
import io.syncbridge.domain.change.Change;
import io.syncbridge.domain.change.MutationId;
import io.syncbridge.domain.conflict.StrictResolver;
import io.syncbridge.domain.device.DeviceDescription;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.device.DeviceKind;
import io.syncbridge.domain.session.AcceptedChange;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.SessionPolicy;
import io.syncbridge.domain.session.SessionSettings;
import io.syncbridge.domain.session.UserId;
import io.syncbridge.domain.state.JsonPointer;
import io.syncbridge.domain.state.JsonValue;
import io.syncbridge.domain.state.PatchOperation;
import io.syncbridge.domain.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The real commit script with the arguments a real commit sends (a session of five devices, a
 * 50-byte change, its log entry and event), as a {@code redis-benchmark} command line: what Redis
 * itself can do for SyncBridge's hot path, measured without SyncBridge. Every call succeeds as a
 * commit would (its expected revision is the one it writes back, its mutation id is random), so
 * Redis does the whole work each time: compare, write the head, append and trim the log, record the
 * mutation id, publish.
 *
 * <p>redis-benchmark replaces each {@code __rand_int__} on its own, so the four keys of one call
 * may name different seeded sessions: on a single Redis that costs the same as one session's keys
 * (on a cluster it would be refused as cross-slot; run the ceiling on a single node).
 */
public final class CommitScriptLoad {

    /** What redis-benchmark puts in place of {@code __rand_int__}: twelve digits. */
    private static final String RANDOM = "__rand_int__";
    private static final String MUTATION = "m-benchmark-mutation";

    private final RedisConnection redis;
    private final RedisSessionStore store;
    private final int sessions;
    private final Session sample;
    private final AcceptedChange change;

    private CommitScriptLoad(RedisConnection redis, int sessions, Clock clock) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.sessions = sessions;
        SessionPolicy policy = SessionPolicy.DEFAULT;
        this.store = new RedisSessionStore(redis, policy, clock);
        Session session = Session.create(sessionId(0), new UserId("bench-user"), "Morning flow", "yoga",
                SessionSettings.DEFAULT, policy, clock.now());
        for (int d = 0; d < 5; d++) {
            session = session.admit(new DeviceId("device-" + d), new DeviceDescription(DeviceKind.WEB, "Browser " + d,
                    "Mozilla/5.0 (X11; Linux x86_64) SyncBridgeBench/1.0", Set.of("delta", "handoff")), policy,
                    clock.now()).session();
        }
        this.sample = session;
        Change next = new Change(new MutationId(MUTATION), session.version(), List.of(new PatchOperation.Add(
                JsonPointer.parse("/device-0-k7"), JsonValue.of("{\"sent_ns\":123456789012345,\"pad\":\"xxxxxxxx\"}"))),
                new DeviceId("device-0"), clock.now());
        this.change = session.accept(next, Optional.of(List.of()), StrictResolver.INSTANCE, policy, clock.now());
    }

    /** Seeds {@code sessions} heads (ids {@code bench-000000000000} on) and loads the script. */
    public static CommitScriptLoad prepare(RedisConnection redis, int sessions, Clock clock) {
        if (sessions < 1 || sessions > 1_000_000) {
            throw new IllegalArgumentException("sessions must be 1 to 1,000,000");
        }
        CommitScriptLoad load = new CommitScriptLoad(redis, sessions, clock);
        for (int i = 0; i < sessions; i++) {
            Session seeded = load.sample.toBuilder().id(sessionId(i)).build();
            load.store.delete(seeded.id());
            load.store.insert(seeded);
        }
        LuaScript script = RedisSessionStore.commitScript();
        redis.call("script.load", true, r -> r.scriptLoad(script.source()));
        return load;
    }

    /** The command after {@code redis-benchmark [options] -r <sessions>}: EVALSHA sha 4 keys... args... */
    public List<String> command() {
        List<String> command = new ArrayList<>();
        command.add("EVALSHA");
        command.add(RedisSessionStore.commitScript().sha());
        command.add("4");
        String id = sample.id().value();
        for (String key : store.commitKeys(sample.id())) {
            command.add(key.replace(id, "bench-" + RANDOM));
        }
        Session next = change.session();
        List<String> args = new ArrayList<>(store.commitArguments(sample.revision(), next,
                Optional.of(change.applied()), false));
        String revision = Long.toString(sample.revision());
        String version = Long.toString(sample.version());
        args.set(3, revision); // writes back the revision it expects: the next call matches again
        args.set(4, version);
        args.set(13, version); // the entry is covered by the checkpoint, so the log stays trimmed
        for (String arg : args) {
            command.add(arg.replace(MUTATION, "m-" + RANDOM));
        }
        return command;
    }

    /** How many sessions were seeded: the {@code -r} of redis-benchmark. */
    public int sessions() {
        return sessions;
    }

    /** Removes the seeded sessions. */
    public void clear() {
        for (int i = 0; i < sessions; i++) {
            store.delete(sessionId(i));
        }
    }

    /** The change a call stands for (for reports). */
    public AppliedChange change() {
        return change.applied();
    }

    private static SessionId sessionId(int index) {
        return new SessionId("bench-" + String.format("%012d", index));
    }
}
