package io.syncbridge.port.out.contract;

import static io.syncbridge.port.out.contract.Fixtures.counterState;
import static io.syncbridge.port.out.contract.Fixtures.richState;
import static io.syncbridge.port.out.contract.Fixtures.sessionId;
import static io.syncbridge.port.out.contract.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.snapshot.Snapshot;
import io.syncbridge.domain.snapshot.SnapshotId;
import io.syncbridge.domain.state.StateDocument;
import io.syncbridge.port.out.SnapshotStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@link SnapshotStore}. Every snapshot store adapter subclasses it.
 *
 * <p>What the contract decides where the port's Javadoc leaves room:
 * <ul>
 *   <li>A snapshot is expired once the injected clock reaches its {@code expiresAt}
 *       ({@code Snapshot.isExpired(clock.now())}); expired snapshots are neither found, listed nor
 *       counted. Physical TTLs, if any, follow the package rules.</li>
 *   <li>{@code list} is newest first by {@code createdAt}; equal times by id, descending (code-point
 *       order); {@code before} is exclusive.</li>
 *   <li>Saving a snapshot id again replaces it.</li>
 * </ul>
 *
 * <p>{@link #create} is called before each test and must give a store over empty data.
 */
public abstract class SnapshotStoreContract {

    protected final MutableClock clock = new MutableClock();
    private SnapshotStore store;

    /** A store over empty data that decides expiry with {@code clock}. */
    protected abstract SnapshotStore create(MutableClock clock);

    /** Called after each test: release or empty what {@link #create} made. */
    protected void cleanUp() throws Exception {
    }

    @BeforeEach
    final void createStore() {
        store = create(clock);
    }

    @AfterEach
    final void cleanUpStore() throws Exception {
        cleanUp();
    }

    protected final SnapshotStore store() {
        return store;
    }

    @Test
    void savedSnapshotIsFoundWhole() {
        Snapshot snapshot = snapshot(sessionId(), "Before the hard part — 難しい 🌧", richState(), clock.now());

        store.save(snapshot);

        assertThat(store.find(snapshot.sessionId(), snapshot.id())).contains(snapshot);
    }

    @Test
    void snapshotWithEmptyStateLabelAndAuthorIsFoundWhole() {
        Snapshot snapshot = new Snapshot(new SnapshotId(unique("snapshot")), sessionId(), 0, StateDocument.EMPTY, "",
                "", clock.now(), clock.now().plus(Duration.ofDays(7)));

        store.save(snapshot);

        assertThat(store.find(snapshot.sessionId(), snapshot.id())).contains(snapshot);
    }

    @Test
    void unknownSnapshotIsNotFound() {
        Snapshot snapshot = snapshot(sessionId(), "saved", counterState(1), clock.now());
        store.save(snapshot);

        assertThat(store.find(snapshot.sessionId(), new SnapshotId(unique("snapshot")))).isEmpty();
        assertThat(store.find(sessionId(), snapshot.id())).as("another session's id").isEmpty();
    }

    @Test
    void savingSameIdAgainReplacesIt() {
        Snapshot first = snapshot(sessionId(), "first", counterState(1), clock.now());
        store.save(first);
        Snapshot again = new Snapshot(first.id(), first.sessionId(), 9, counterState(9), "again", "someone",
                first.createdAt(), first.expiresAt());

        store.save(again);

        assertThat(store.find(first.sessionId(), first.id())).contains(again);
        assertThat(store.count(first.sessionId())).isEqualTo(1);
    }

    @Test
    void expiredSnapshotIsGone() {
        SessionId session = sessionId();
        Snapshot shortLived = new Snapshot(new SnapshotId(unique("snapshot")), session, 1, counterState(1), "short",
                "", clock.now(), clock.now().plus(Duration.ofMinutes(10)));
        Snapshot longLived = snapshot(session, "long", counterState(2), clock.now());
        store.save(shortLived);
        store.save(longLived);

        clock.advance(Duration.ofMinutes(10));

        assertThat(store.find(session, shortLived.id())).isEmpty();
        assertThat(store.list(session, 10, Optional.empty())).containsExactly(longLived);
        assertThat(store.count(session)).isEqualTo(1);
    }

    @Test
    void snapshotJustBeforeExpiryIsFound() {
        Snapshot snapshot = snapshot(sessionId(), "label", counterState(1), clock.now());
        store.save(snapshot);

        clock.set(snapshot.expiresAt().minusMillis(1));

        assertThat(store.find(snapshot.sessionId(), snapshot.id())).contains(snapshot);
    }

    @Test
    void listsNewestFirstUpToLimit() {
        SessionId session = sessionId();
        Snapshot oldest = saved(session, "oldest", 0);
        Snapshot middle = saved(session, "middle", 1);
        Snapshot newest = saved(session, "newest", 2);
        saved(sessionId(), "another session's", 3);

        assertThat(store.list(session, 10, Optional.empty())).containsExactly(newest, middle, oldest);
        assertThat(store.list(session, 2, Optional.empty())).containsExactly(newest, middle);
        assertThat(store.list(session, 0, Optional.empty())).isEmpty();
    }

    @Test
    void listsOnlySnapshotsCreatedStrictlyBefore() {
        SessionId session = sessionId();
        Snapshot oldest = saved(session, "oldest", 0);
        Snapshot middle = saved(session, "middle", 1);
        saved(session, "newest", 2);

        assertThat(store.list(session, 10, Optional.of(middle.createdAt()))).containsExactly(oldest);
        assertThat(store.list(session, 10, Optional.of(middle.createdAt().plusMillis(1))))
                .containsExactly(middle, oldest);
    }

    @Test
    void snapshotsCreatedAtTheSameTimeListByIdDescendingInCodePointOrder() {
        SessionId session = sessionId();
        Instant at = clock.now();
        Snapshot capitalB = new Snapshot(new SnapshotId("snap-B-" + session.value()), session, 1, counterState(1), "",
                "", at, at.plus(Duration.ofDays(1)));
        Snapshot smallA = new Snapshot(new SnapshotId("snap-a-" + session.value()), session, 2, counterState(2), "",
                "", at, at.plus(Duration.ofDays(1)));
        store.save(capitalB);
        store.save(smallA);

        assertThat(store.list(session, 10, Optional.empty())).containsExactly(smallA, capitalB);
    }

    @Test
    void countsUnexpiredSnapshotsOfTheSession() {
        SessionId session = sessionId();
        saved(session, "one", 0);
        saved(session, "two", 1);
        saved(sessionId(), "elsewhere", 2);

        assertThat(store.count(session)).isEqualTo(2);
        assertThat(store.count(sessionId())).isZero();
    }

    @Test
    void deleteAllRemovesOnlyThatSessionsSnapshots() {
        SessionId session = sessionId();
        SessionId other = sessionId();
        Snapshot gone = saved(session, "gone", 0);
        Snapshot kept = saved(other, "kept", 1);

        store.deleteAll(session);

        assertThat(store.find(session, gone.id())).isEmpty();
        assertThat(store.list(session, 10, Optional.empty())).isEmpty();
        assertThat(store.count(session)).isZero();
        assertThat(store.find(other, kept.id())).contains(kept);
    }

    /** A snapshot created {@code secondsAfterNow} seconds from now, kept seven days. */
    private Snapshot saved(SessionId session, String label, int secondsAfterNow) {
        Snapshot snapshot = snapshot(session, label, counterState(secondsAfterNow),
                clock.now().plusSeconds(secondsAfterNow));
        store.save(snapshot);
        return snapshot;
    }

    private static Snapshot snapshot(SessionId session, String label, StateDocument state, Instant createdAt) {
        return new Snapshot(new SnapshotId(unique("snapshot")), session, 3, state, label, "user-Ada",
                createdAt, createdAt.plus(Duration.ofDays(7)));
    }
}
