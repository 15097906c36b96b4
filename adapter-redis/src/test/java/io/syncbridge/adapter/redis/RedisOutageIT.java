package io.syncbridge.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncbridge.domain.change.MutationId;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.error.SyncError;
import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.domain.handoff.HandoffToken;
import io.syncbridge.domain.session.AcceptedChange;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.SessionPolicy;
import io.syncbridge.domain.session.UserId;
import io.syncbridge.domain.snapshot.Snapshot;
import io.syncbridge.domain.snapshot.SnapshotId;
import io.syncbridge.port.out.ChangeFeed;
import io.syncbridge.port.out.RateLimiter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redis goes away and comes back: a redis-server of the test's own is stopped and started again
 * under adapters that live through it. While it is down every call fails with DependencyDown;
 * afterwards the same adapters work again, the change feed included.
 */
class RedisOutageIT {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private final Instant now = Instant.now();
    private final SessionPolicy policy = SessionPolicy.DEFAULT;
    @TempDir
    private Path dir;
    private RedisServerProcess server;
    private RedisConnection redis;
    private RedisSessionStore store;
    private RedisSnapshotStore snapshots;
    private RedisPresence presence;
    private RedisRateLimiter limiter;
    private RedisHandoffTokenStore tokens;
    private RedisChangeFeed feed;

    @BeforeEach
    void start() throws IOException {
        server = RedisServerProcess.start(dir);
        RedisConfig config = RedisConfig.standalone(server.address())
                .withTimeouts(Duration.ofMillis(500), Duration.ofMillis(500)).withPoolSize(8);
        redis = RedisConnection.open(config);
        store = new RedisSessionStore(redis, policy, () -> now);
        snapshots = new RedisSnapshotStore(redis, () -> now);
        presence = new RedisPresence(redis, () -> now);
        limiter = new RedisRateLimiter(redis, () -> now);
        tokens = new RedisHandoffTokenStore(redis, () -> now);
        feed = new RedisChangeFeed(redis);
    }

    @AfterEach
    void stop() throws InterruptedException {
        feed.close();
        redis.close();
        server.stop();
    }

    @Test
    void everyOperationFailsWithDependencyDownWhileRedisIsDownAndWorksAgainAfterwards() throws Exception {
        Session session = TestSessions.session(TestSessions.newId(), policy, now);
        assertThat(store.insert(session)).isTrue();
        fillThePool();
        assertThat(redis.probe().up()).isTrue();

        server.stop();

        assertThat(redis.probe().up()).isFalse();
        AcceptedChange accepted = TestSessions.set(session, "pose", 1, policy, now);
        List<ThrowingCallable> calls = everyOperation(session, accepted);
        for (ThrowingCallable call : calls) {
            assertThatThrownBy(call).isInstanceOfSatisfying(SyncError.DependencyDown.class,
                    down -> assertThat(down.dependency()).isEqualTo("redis"));
        }

        server.start();

        // Redis came back empty (nothing is persisted here): the same adapters serve a new session,
        // and no call trips over the dead connections the pool still held.
        assertThat(redis.probe().up()).isTrue();
        Session fresh = TestSessions.session(TestSessions.newId(), policy, now);
        assertThat(store.insert(fresh)).isTrue();
        AcceptedChange change = TestSessions.set(fresh, "pose", 1, policy, now);
        for (int i = 0; i < 20; i++) {
            assertThat(store.load(fresh.id())).isPresent();
        }
        assertThat(store.commit(fresh.revision(), change.session(), Optional.of(change.applied()))).isTrue();
        assertThat(store.appliedVersion(fresh.id(), change.applied().mutationId())).contains(1L);
        assertThat(store.since(fresh.id(), 0)).get().isEqualTo(List.of(change.applied()));
        assertThat(presence.connected(fresh.id(), TestSessions.PHONE, "c-1", Duration.ofMinutes(1))).isTrue();
        assertThat(limiter.tryAcquire("k", new RateLimiter.Limit(5, Duration.ofMinutes(1))).allowed()).isTrue();
    }

    @Test
    void theChangeFeedSubscribesAgainWhenRedisComesBack() throws Exception {
        SessionId session = TestSessions.newId();
        LinkedBlockingQueue<DomainEvent> received = new LinkedBlockingQueue<>();
        try (ChangeFeed.Subscription ignored = feed.subscribe(session, received::add)) {
            server.stop();
            assertThatThrownBy(() -> feed.subscribe(TestSessions.newId(), e -> { }))
                    .isInstanceOf(SyncError.DependencyDown.class);

            server.start();

            // Re-subscribing is asynchronous: publish until one arrives (at most once: some are lost).
            long deadline = System.nanoTime() + WAIT.toNanos();
            DomainEvent arrived = null;
            for (int i = 0; arrived == null && System.nanoTime() < deadline; i++) {
                feed.publish(expiring(session, "after-" + i));
                arrived = received.poll(100, TimeUnit.MILLISECONDS);
            }
            assertThat(arrived).as("an event after Redis came back").isNotNull();
            assertThat(arrived.eventId()).startsWith("after-");
        }
        assertThat(feed.subscribedSessions()).isZero();
    }

    private List<ThrowingCallable> everyOperation(Session session, AcceptedChange accepted) {
        SessionId id = session.id();
        Snapshot snapshot = new Snapshot(new SnapshotId("snap-1"), id, 0, session.state(), "label", "alice", now,
                now.plus(Duration.ofDays(7)));
        HandoffToken token = new HandoffToken("tok-1", id, session.owner(), TestSessions.PHONE, now,
                now.plus(Duration.ofMinutes(5)));
        return List.of(
                () -> store.load(id),
                () -> store.insert(TestSessions.session(TestSessions.newId(), policy, now)),
                () -> store.commit(session.revision(), accepted.session(), Optional.of(accepted.applied())),
                () -> store.delete(id),
                () -> store.appliedVersion(id, new MutationId("m-1")),
                () -> store.since(id, 0),
                () -> snapshots.save(snapshot),
                () -> snapshots.find(id, snapshot.id()),
                () -> snapshots.list(id, 10, Optional.empty()),
                () -> snapshots.count(id),
                () -> snapshots.deleteAll(id),
                () -> presence.connected(id, new DeviceId("d"), "c", Duration.ofMinutes(1)),
                () -> presence.refresh(id, new DeviceId("d"), "c", Duration.ofMinutes(1)),
                () -> presence.disconnected(id, new DeviceId("d"), "c"),
                () -> presence.online(id),
                () -> limiter.tryAcquire("k", new RateLimiter.Limit(5, Duration.ofMinutes(1))),
                () -> tokens.save(token),
                () -> tokens.claim("tok-1"),
                () -> feed.publish(expiring(id, "e-down")),
                () -> feed.subscribe(TestSessions.newId(), e -> { }));
    }

    /** Opens several pooled connections, so that the outage leaves the pool full of dead ones. */
    private void fillThePool() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Object>> loads = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                loads.add(() -> limiter.tryAcquire("fill", new RateLimiter.Limit(1_000, Duration.ofMinutes(1))));
            }
            for (Future<Object> result : threads.invokeAll(loads)) {
                result.get();
            }
        } finally {
            threads.shutdown();
        }
    }

    private static DomainEvent expiring(SessionId session, String eventId) {
        Instant at = Instant.parse("2030-01-01T00:00:00Z");
        return new DomainEvent.SessionExpiring(eventId, session, new UserId("alice"), at, at.plusSeconds(300));
    }
}
