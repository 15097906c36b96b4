package io.syncbridge.application;

import static io.syncbridge.port.out.contract.Fixtures.afterChange;
import static io.syncbridge.port.out.contract.Fixtures.change;
import static io.syncbridge.port.out.contract.Fixtures.counterState;
import static io.syncbridge.port.out.contract.Fixtures.deviceId;
import static io.syncbridge.port.out.contract.Fixtures.mutationId;
import static io.syncbridge.port.out.contract.Fixtures.newSession;
import static io.syncbridge.port.out.contract.Fixtures.sessionId;
import static io.syncbridge.port.out.contract.Fixtures.userId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncbridge.domain.change.AppliedChange;
import io.syncbridge.domain.error.SyncError;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.inmemory.InMemoryChangeFeed;
import io.syncbridge.inmemory.InMemorySessionCheckpoints;
import io.syncbridge.inmemory.InMemorySessionStore;
import io.syncbridge.port.out.MetricsObserver;
import io.syncbridge.port.out.SessionCheckpoints;
import io.syncbridge.port.out.contract.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The durable tier behind a hot store that loses data: heads written behind, nothing failed or
 * delayed while the durable tier is down, and a lost session restored from its checkpoint.
 */
class CheckpointingSessionStoreTest {

    /** Long, so that only the explicit flushes of a test write checkpoints. */
    private static final Duration INTERVAL = Duration.ofHours(1);

    private final MutableClock clock = new MutableClock();
    private final InMemoryChangeFeed feed = new InMemoryChangeFeed();
    private InMemorySessionStore hot = new InMemorySessionStore(feed, clock, 100, Duration.ofHours(1));
    private final FlakyCheckpoints durable = new FlakyCheckpoints();
    private final AtomicInteger restoredMetric = new AtomicInteger();
    private CheckpointingSessionStore store = decorate(hot);

    private CheckpointingSessionStore decorate(InMemorySessionStore hotStore) {
        return new CheckpointingSessionStore(hotStore, durable, clock, new MetricsObserver() {
            @Override
            public void sessionRestored() {
                restoredMetric.incrementAndGet();
            }
        }, INTERVAL);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void writesAcceptedHeadsBehindInOneBatchPerFlush() {
        Session one = committedTwice(newSession(sessionId(), userId(), clock.now()));
        Session two = committedTwice(newSession(sessionId(), userId(), clock.now()));
        assertThat(durable.inner.latest(one.id())).as("nothing written before the flush").isEmpty();
        assertThat(store.pendingCount()).isEqualTo(2);

        assertThat(store.flush()).isTrue();

        assertThat(durable.inner.latest(one.id())).contains(one);
        assertThat(durable.inner.latest(two.id())).contains(two);
        assertThat(durable.batches).hasValue(1);
        assertThat(store.pendingCount()).isZero();
    }

    @Test
    void acceptsEveryChangeWhileTheDurableTierIsDownAndCatchesUpAfter() {
        durable.down.set(true);
        Session session = committedTwice(newSession(sessionId(), userId(), clock.now()));
        assertThat(store.flush()).isFalse();
        assertThat(store.pendingCount()).isEqualTo(1);
        Session later = commit(session, 3);

        durable.down.set(false);
        assertThat(store.flush()).isTrue();

        assertThat(durable.inner.latest(session.id())).contains(later);
    }

    @Test
    void restoresALostSessionFromItsCheckpointOnFirstUse() {
        Session session = committedTwice(newSession(sessionId(), userId(), clock.now()));
        store.flush();
        loseTheHotStore();

        assertThat(store.load(session.id())).contains(session);
        assertThat(hot.load(session.id())).as("put back into the hot store").contains(session);
        assertThat(restoredMetric).hasValue(1);
        Session next = commit(session, 3);
        assertThat(store.load(session.id())).contains(next);
        assertThat(restoredMetric).hasValue(1);
    }

    @Test
    void restoresOnEveryNodeThatAsksFirstFromTheSharedCheckpoints() {
        Session session = committedTwice(newSession(sessionId(), userId(), clock.now()));
        store.flush();
        loseTheHotStore();
        CheckpointingSessionStore otherNode = decorate(hot);
        try {
            assertThat(otherNode.load(session.id())).contains(session);
            assertThat(store.load(session.id())).as("the first node finds it restored").contains(session);
            assertThat(restoredMetric).hasValue(1);
        } finally {
            otherNode.close();
        }
    }

    @Test
    void aHeadThisNodeHasNotCheckpointedYetWinsOverAnOlderCheckpoint() {
        Session session = committedTwice(newSession(sessionId(), userId(), clock.now()));
        store.flush();
        Session later = commit(session, 3);
        loseTheHotStore();
        assertThat(store.load(session.id())).contains(later);
    }

    @Test
    void anUnknownSessionStaysUnknown() {
        assertThat(store.load(sessionId())).isEmpty();
        assertThat(restoredMetric).hasValue(0);
    }

    @Test
    void anExpiredCheckpointIsNotRestored() {
        Session session = committedTwice(newSession(sessionId(), userId(), clock.now()));
        store.flush();
        loseTheHotStore();
        clock.set(session.expiresAt().plusSeconds(1));
        assertThat(store.load(session.id())).isEmpty();
    }

    @Test
    void aMissWhileTheDurableTierIsDownIsDependencyDownNotNotFound() {
        Session session = committedTwice(newSession(sessionId(), userId(), clock.now()));
        store.flush();
        loseTheHotStore();
        durable.down.set(true);
        assertThatThrownBy(() -> store.load(session.id())).isInstanceOf(SyncError.DependencyDown.class);
    }

    @Test
    void aDeletedSessionIsNotRestored() {
        Session session = committedTwice(newSession(sessionId(), userId(), clock.now()));
        store.flush();
        assertThat(store.delete(session.id())).isTrue();
        store.flush();
        loseTheHotStore();
        assertThat(store.load(session.id())).isEmpty();
        assertThat(durable.inner.latest(session.id())).isEmpty();
    }

    @Test
    void aDeletionWhileTheDurableTierIsDownIsCarriedOutWhenItReturns() {
        Session session = committedTwice(newSession(sessionId(), userId(), clock.now()));
        store.flush();
        durable.down.set(true);
        assertThat(store.delete(session.id())).isTrue();
        durable.down.set(false);
        assertThat(store.flush()).isTrue();
        assertThat(durable.inner.latest(session.id())).isEmpty();
    }

    @Test
    void closingFlushesWhatWaits() {
        Session session = committedTwice(newSession(sessionId(), userId(), clock.now()));
        store.close();
        assertThat(durable.inner.latest(session.id())).contains(session);
    }

    @Test
    void theFlusherRunsByItselfEveryInterval() throws InterruptedException {
        CheckpointingSessionStore quick = new CheckpointingSessionStore(hot, durable, clock, MetricsObserver.NONE,
                Duration.ofMillis(20));
        try {
            Session session = newSession(sessionId(), userId(), clock.now());
            quick.insert(session);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (durable.inner.latest(session.id()).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(durable.inner.latest(session.id())).contains(session);
        } finally {
            quick.close();
        }
    }

    private Session committedTwice(Session fresh) {
        assertThat(store.insert(fresh)).isTrue();
        return commit(commit(fresh, 1), 2);
    }

    private Session commit(Session session, long version) {
        AppliedChange applied = change(version, mutationId(), deviceId(), clock.now());
        Session next = afterChange(session, applied, counterState(version));
        assertThat(store.commit(session.revision(), next, Optional.of(applied))).isTrue();
        return next;
    }

    /** The hot store loses everything (a Redis without persistence restarted): a fresh one in its place. */
    private void loseTheHotStore() {
        store.close();
        hot = new InMemorySessionStore(feed, clock, 100, Duration.ofHours(1));
        store = decorate(hot);
    }

    /** In-memory checkpoints that fail like an unreachable database while {@link #down}. */
    private static final class FlakyCheckpoints implements SessionCheckpoints {
        final InMemorySessionCheckpoints inner = new InMemorySessionCheckpoints();
        final AtomicBoolean down = new AtomicBoolean();
        final AtomicInteger batches = new AtomicInteger();

        private void check() {
            if (down.get()) {
                throw new SyncError.DependencyDown("database", "connection refused", null);
            }
        }

        @Override
        public void save(List<Session> heads) {
            check();
            batches.incrementAndGet();
            inner.save(heads);
        }

        @Override
        public Optional<Session> latest(SessionId id) {
            check();
            return inner.latest(id);
        }

        @Override
        public boolean delete(SessionId id) {
            check();
            return inner.delete(id);
        }
    }
}
