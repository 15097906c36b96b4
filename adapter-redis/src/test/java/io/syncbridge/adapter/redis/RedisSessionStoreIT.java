package io.syncbridge.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.api.InstanceOfAssertFactories;

import io.syncbridge.domain.change.AppliedChange;
import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.domain.session.AcceptedChange;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.SessionPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** What the Redis session store does in Redis itself: one script per commit, bounded keys, TTLs. */
class RedisSessionStoreIT {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2030-01-01T00:00:00Z"));
    private final SessionPolicy policy = SessionPolicy.DEFAULT.withChangeLogCapacity(3);
    private RedisConfig config;
    private RedisConnection redis;
    private RedisSessionStore store;

    @BeforeEach
    void connect() {
        config = TestRedis.local(TestRedis.uniquePrefix());
        redis = RedisConnection.open(config);
        store = new RedisSessionStore(redis, policy, now::get);
    }

    @AfterEach
    void cleanUp() {
        redis.close();
        TestRedis.deleteKeys(config);
    }

    @Test
    void aCommittedChangeReachesSubscribersOnAnotherNode() throws InterruptedException {
        SessionId id = TestSessions.newId();
        Session session = TestSessions.session(id, policy, now.get());
        store.insert(session);
        LinkedBlockingQueue<DomainEvent> received = new LinkedBlockingQueue<>();
        try (RedisConnection otherNode = RedisConnection.open(config);
             RedisChangeFeed feed = new RedisChangeFeed(otherNode);
             var subscription = feed.subscribe(id, received::add)) {
            AcceptedChange accepted = TestSessions.set(session, "pose", 1, policy, now.get());

            assertThat(store.commit(session.revision(), accepted.session(), Optional.of(accepted.applied()))).isTrue();

            DomainEvent event = received.poll(10, TimeUnit.SECONDS);
            assertThat(event).isInstanceOfSatisfying(DomainEvent.StateChanged.class,
                    changed -> assertThat(changed.change()).isEqualTo(accepted.applied()));
        }
    }

    @Test
    void theLogIsCappedInRedisNotOnlyWhenRead() {
        Session session = TestSessions.session(TestSessions.newId(), policy, now.get());
        store.insert(session);
        for (int i = 0; i < 5; i++) {
            AcceptedChange accepted = TestSessions.set(session, "k" + i, i, policy, now.get());
            assertThat(store.commit(session.revision(), accepted.session(), Optional.of(accepted.applied()))).isTrue();
            session = accepted.session();
        }

        try (Jedis jedis = new Jedis("127.0.0.1", 6379)) {
            assertThat(jedis.zcard(redis.keys().log(session.id()))).isEqualTo(3);
            assertThat(jedis.zcard(redis.keys().mutations(session.id()))).isEqualTo(5);
        }
        assertThat(store.since(session.id(), 2)).get().asInstanceOf(InstanceOfAssertFactories.LIST)
                .extracting(c -> ((AppliedChange) c).version()).containsExactly(3L, 4L, 5L);
        assertThat(store.since(session.id(), 1)).isEmpty();
    }

    @Test
    void everyKeyExpiresInRedisShortlyAfterTheSessionExpiresByTheClock() {
        Session session = TestSessions.session(TestSessions.newId(), policy, now.get());
        store.insert(session);
        AcceptedChange accepted = TestSessions.set(session, "pose", 1, policy, now.get());
        store.commit(session.revision(), accepted.session(), Optional.of(accepted.applied()));

        long logical = Duration.between(now.get(), accepted.session().expiresAt()).toMillis();
        long grace = RedisSessionStore.PHYSICAL_GRACE.toMillis();
        try (Jedis jedis = new Jedis("127.0.0.1", 6379)) {
            for (String key : TestRedis.keys(config)) {
                assertThat(key).contains("{" + session.id().value() + "}");
                assertThat(jedis.pttl(key)).as(key).isGreaterThan(logical).isLessThanOrEqualTo(logical + grace);
            }
            Map<String, String> head = jedis.hgetAll(redis.keys().head(session.id()));
            assertThat(head).containsEntry("version", "1").containsEntry("owner", "alice")
                    .containsEntry("status", "active").containsEntry("active_device", "phone")
                    .containsKeys("revision", "head", "state", "ckpt_version", "created_us", "expires_us")
                    .doesNotContainKey("session");
        }
        assertThat(TestRedis.keys(config)).hasSize(3);
    }

    @Test
    void aSessionPastItsExpiryIsAbsentAlthoughRedisStillHoldsItsKeys() {
        Session session = TestSessions.session(TestSessions.newId(), policy, now.get());
        store.insert(session);

        now.set(session.expiresAt());

        assertThat(store.load(session.id())).isEmpty();
        assertThat(store.since(session.id(), 0)).isEmpty();
        assertThat(TestRedis.keys(config)).containsExactly(redis.keys().head(session.id()));
        assertThat(store.insert(session)).isTrue();
    }
}
