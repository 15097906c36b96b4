package io.syncbridge.inmemory;

import static io.syncbridge.port.out.contract.Fixtures.counter;
import static io.syncbridge.port.out.contract.Fixtures.deviceId;
import static io.syncbridge.port.out.contract.Fixtures.increment;
import static io.syncbridge.port.out.contract.Fixtures.mutationId;
import static io.syncbridge.port.out.contract.Fixtures.newSession;
import static io.syncbridge.port.out.contract.Fixtures.sessionId;
import static io.syncbridge.port.out.contract.Fixtures.userId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncbridge.domain.change.AppliedChange;
import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.SessionPolicy;
import io.syncbridge.port.out.ChangeFeed;
import io.syncbridge.port.out.contract.Fixtures;
import io.syncbridge.port.out.contract.MutableClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What the in-memory store promises beyond the contract: listeners may re-enter it, and the feed cannot fail a commit. */
class InMemorySessionStoreTest {

    private final MutableClock clock = new MutableClock();
    private final InMemoryChangeFeed feed = new InMemoryChangeFeed();
    private final InMemorySessionStore store =
            new InMemorySessionStore(feed, clock, SessionPolicy.DEFAULT);

    @Test
    void listenerSeesTheCommittedHead() {
        Session session = inserted(store);
        List<Long> versionsSeen = new ArrayList<>();
        feed.subscribe(session.id(), e -> versionsSeen.add(store.load(e.sessionId()).orElseThrow().version()));

        commitIncrement(store, session);

        assertThat(versionsSeen).containsExactly(1L);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void listenerMayCommitToTheSameSessionAndEventsKeepCommitOrder() {
        Session session = inserted(store);
        List<Long> published = new ArrayList<>();
        feed.subscribe(session.id(), e -> {
            long version = ((DomainEvent.StateChanged) e).change().version();
            published.add(version);
            if (version == 1) {
                commitIncrement(store, store.load(session.id()).orElseThrow());
            }
        });

        commitIncrement(store, session);

        assertThat(published).containsExactly(1L, 2L);
        assertThat(counter(store.load(session.id()).orElseThrow())).isEqualTo(2);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void keepsCommitOrderWithAFeedThatDoesNotOrderItself() {
        DirectFeed direct = new DirectFeed();
        InMemorySessionStore withDirectFeed = new InMemorySessionStore(direct, clock, 10,
                SessionPolicy.DEFAULT.changeLogMaxAge());
        Session session = inserted(withDirectFeed);
        List<Long> seenByLaterListener = new ArrayList<>();
        direct.listeners.add(e -> {
            if (((DomainEvent.StateChanged) e).change().version() == 1) {
                commitIncrement(withDirectFeed, withDirectFeed.load(session.id()).orElseThrow());
            }
        });
        direct.listeners.add(e -> seenByLaterListener.add(((DomainEvent.StateChanged) e).change().version()));

        commitIncrement(withDirectFeed, session);

        assertThat(seenByLaterListener).containsExactly(1L, 2L);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void holdsNoSessionLockWhileListenersRun() {
        Session session = inserted(store);
        CompletableFuture<Boolean> otherThreadsCommit = new CompletableFuture<>();
        AtomicBoolean committedWhileListenerRan = new AtomicBoolean();
        feed.subscribe(session.id(), e -> {
            if (((DomainEvent.StateChanged) e).change().version() == 1) {
                Thread.ofPlatform().start(() -> otherThreadsCommit.complete(
                        tryIncrement(store, store.load(session.id()).orElseThrow())));
                try {
                    committedWhileListenerRan.set(otherThreadsCommit.get(5, TimeUnit.SECONDS));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                } catch (ExecutionException | TimeoutException notInTime) {
                    committedWhileListenerRan.set(false);
                }
            }
        });

        commitIncrement(store, session);

        assertThat(committedWhileListenerRan).isTrue();
        assertThat(counter(store.load(session.id()).orElseThrow())).isEqualTo(2);
    }

    @Test
    void failingFeedDoesNotFailTheCommit() {
        ChangeFeed broken = new ChangeFeed() {
            @Override
            public void publish(DomainEvent event) {
                throw new IllegalStateException("feed down on purpose");
            }

            @Override
            public Subscription subscribe(SessionId session, Consumer<DomainEvent> listener) {
                return () -> { };
            }
        };
        InMemorySessionStore withBrokenFeed = new InMemorySessionStore(broken, clock, 10,
                SessionPolicy.DEFAULT.changeLogMaxAge());
        Session session = inserted(withBrokenFeed);

        Fixtures.Step step = commitIncrement(withBrokenFeed, session);

        assertThat(withBrokenFeed.load(session.id())).contains(step.next());
        assertThat(withBrokenFeed.since(session.id(), 0)).contains(List.of(step.change()));
        assertThat(withBrokenFeed.failedPublications()).isEqualTo(1);
    }

    @Test
    void refusesChangeOfAnotherVersionThanTheSession() {
        Session session = inserted(store);
        Fixtures.Step step = increment(session, deviceId(), mutationId(), clock.now());
        AppliedChange wrong = new AppliedChange(5, step.change().mutationId(), step.change().deviceId(),
                step.change().operations(), step.change().appliedAt());

        assertThatThrownBy(() -> store.commit(session.revision(), step.next(), Optional.of(wrong)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.load(session.id())).contains(session);
    }

    @Test
    void logCapacityComesFromThePolicy() {
        InMemorySessionStore small = new InMemorySessionStore(feed, clock,
                SessionPolicy.DEFAULT.withChangeLogCapacity(2));
        Session session = inserted(small);
        Session current = session;
        for (int i = 0; i < 3; i++) {
            current = commitIncrement(small, current).next();
        }

        assertThat(small.since(session.id(), 0)).isEmpty();
        assertThat(small.since(session.id(), 1).orElseThrow()).hasSize(2);
    }

    private Session inserted(InMemorySessionStore target) {
        Session session = newSession(sessionId(), userId(), clock.now());
        assertThat(target.insert(session)).isTrue();
        return session;
    }

    private boolean tryIncrement(InMemorySessionStore target, Session current) {
        Fixtures.Step step = increment(current, deviceId(), mutationId(), clock.now());
        return target.commit(current.revision(), step.next(), Optional.of(step.change()));
    }

    private Fixtures.Step commitIncrement(InMemorySessionStore target, Session current) {
        Fixtures.Step step = increment(current, deviceId(), mutationId(), clock.now());
        assertThat(target.commit(current.revision(), step.next(), Optional.of(step.change()))).isTrue();
        return step;
    }

    /** A feed that calls its listeners directly, in no order of its own. */
    private static final class DirectFeed implements ChangeFeed {
        final List<Consumer<DomainEvent>> listeners = new CopyOnWriteArrayList<>();

        @Override
        public void publish(DomainEvent event) {
            listeners.forEach(l -> l.accept(event));
        }

        @Override
        public Subscription subscribe(SessionId session, Consumer<DomainEvent> listener) {
            listeners.add(listener);
            return () -> listeners.remove(listener);
        }
    }
}
