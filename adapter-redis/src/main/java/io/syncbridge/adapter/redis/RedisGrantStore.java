package io.syncbridge.adapter.redis;

import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.UserId;
import io.syncbridge.domain.time.Clock;
import io.syncbridge.port.out.GrantStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Grant store adapter: one hash per grant with a TTL from its expiry, and sets indexing the grants
 * by session, by device of a session and by refresh family; a revocation deletes the grants its
 * set names, so every node's next check misses them. Every command touches one key (Cluster-safe).
 */
public final class RedisGrantStore implements GrantStore {

    /** Redis keeps a grant this much longer than its expiry, so the clock, not Redis, decides. */
    private static final Duration PHYSICAL_GRACE = Duration.ofMinutes(1);
    private static final int REVOKE_BATCH = 100;
    private static final LuaScript INDEX = LuaScript.load("grant_index");
    private static final LuaScript WRITE = LuaScript.load("grant_write");

    private final RedisConnection redis;
    private final RedisKeys keys;
    private final Clock clock;

    public RedisGrantStore(RedisConnection redis, Clock clock) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.keys = redis.keys();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void issue(Grant grant) {
        Objects.requireNonNull(grant, "grant");
        long ttl = Math.max(Duration.between(clock.now(), grant.expiresAt()).toMillis(), 0) + PHYSICAL_GRACE.toMillis();
        // grant_write's arguments: the time to live, then the hash's fields and values.
        List<String> write = new ArrayList<>();
        write.add(Long.toString(ttl));
        field(write, "user", grant.user().value());
        grant.session().ifPresent(s -> field(write, "session", s.value()));
        grant.device().ifPresent(d -> field(write, "device", d.value()));
        grant.family().ifPresent(f -> field(write, "family", f));
        field(write, "exp", Long.toString(grant.expiresAt().toEpochMilli()));
        // Indexed first: a grant that is findable is always reachable by its revocations. A
        // session's two sets share its hash slot, so one call indexes both: a device's connect
        // issued its grant in five round trips, two now.
        if (grant.session().isPresent()) {
            SessionId session = grant.session().get();
            index(List.of(keys.sessionGrants(session), keys.deviceGrants(session, grant.device().orElseThrow().value())),
                    grant.id(), ttl);
        }
        grant.family().ifPresent(f -> index(List.of(keys.familyGrants(f)), grant.id(), ttl));
        redis.eval("grant.issue", true, WRITE, List.of(keys.grant(grant.id())), write);
    }

    private static void field(List<String> arguments, String name, String value) {
        arguments.add(name);
        arguments.add(value);
    }

    @Override
    public Optional<Grant> find(String grantId) {
        Objects.requireNonNull(grantId, "grantId");
        Map<String, String> fields = redis.call("grant.find", true, r -> r.hgetAll(keys.grant(grantId)));
        if (fields == null || !fields.containsKey("exp") || !fields.containsKey("user")) {
            return Optional.empty();
        }
        Grant grant = new Grant(grantId, new UserId(fields.get("user")),
                Optional.ofNullable(fields.get("session")).map(SessionId::new),
                Optional.ofNullable(fields.get("device")).map(DeviceId::new), Optional.ofNullable(fields.get("family")),
                Instant.ofEpochMilli(Long.parseLong(fields.get("exp"))));
        return grant.isExpired(clock.now()) ? Optional.empty() : Optional.of(grant);
    }

    @Override
    public void revokeDevice(SessionId session, DeviceId device) {
        revokeIndexed("grant.revoke_device", keys.deviceGrants(session, device.value()));
    }

    @Override
    public void revokeSession(SessionId session) {
        revokeIndexed("grant.revoke_session", keys.sessionGrants(session));
    }

    @Override
    public void revokeFamily(String familyId) {
        revokeIndexed("grant.revoke_family", keys.familyGrants(familyId));
    }

    /** Adds the grant to index sets of one hash slot. */
    private void index(List<String> sets, String grantId, long ttl) {
        redis.eval("grant.index", true, INDEX, sets, List.of(grantId, Long.toString(ttl)));
    }

    /** Takes the set's ids out (SPOP, so a grant indexed meanwhile is taken by this or a later pass) and deletes their grants. */
    private void revokeIndexed(String operation, String set) {
        while (true) {
            Set<String> ids = redis.call(operation, true, r -> r.spop(set, REVOKE_BATCH));
            if (ids == null || ids.isEmpty()) {
                return;
            }
            for (String id : ids) {
                redis.call(operation, true, r -> r.del(keys.grant(id)));
            }
        }
    }
}
