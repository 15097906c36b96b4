package io.syncbridge.adapter.redis;

import io.syncbridge.domain.handoff.HandoffToken;
import io.syncbridge.domain.time.Clock;
import io.syncbridge.port.out.HandoffTokenStore;
import io.syncbridge.port.out.codec.HandoffJson;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import redis.clients.jedis.params.SetParams;

/**
 * Handoff-token adapter: one string key per token with a TTL from its expiry; a claim is a single
 * GETDEL, so of two concurrent claims, on any nodes, exactly one gets the token.
 */
public final class RedisHandoffTokenStore implements HandoffTokenStore {

    /** Redis keeps a token this much longer than its expiry, so the clock, not Redis, decides. */
    private static final Duration PHYSICAL_GRACE = Duration.ofMinutes(1);

    private final RedisConnection redis;
    private final RedisKeys keys;
    private final Clock clock;

    public RedisHandoffTokenStore(RedisConnection redis, Clock clock) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.keys = redis.keys();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void save(HandoffToken token) {
        Duration left = Duration.between(clock.now(), token.expiresAt());
        long ttl = Math.max(left.toMillis(), 0) + PHYSICAL_GRACE.toMillis();
        String json = HandoffJson.handoffTokenText(token);
        redis.call("handoff.save", true, r -> r.set(keys.handoffToken(token.token()), json, SetParams.setParams().px(ttl)));
    }

    @Override
    public Optional<HandoffToken> claim(String token) {
        Objects.requireNonNull(token, "token");
        // Not retried: had the first GETDEL landed, the token would be gone for the retry.
        String json = redis.call("handoff.claim", false, r -> r.getDel(keys.handoffToken(token)));
        return Optional.ofNullable(json).map(HandoffJson::handoffTokenFromText).filter(t -> !t.isExpired(clock.now()));
    }
}
