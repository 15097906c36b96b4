package io.syncbridge.port.out.contract;

import static io.syncbridge.port.out.contract.Fixtures.applied;
import static io.syncbridge.port.out.contract.Fixtures.changeableState;
import static io.syncbridge.port.out.contract.Fixtures.change;
import static io.syncbridge.port.out.contract.Fixtures.counter;
import static io.syncbridge.port.out.contract.Fixtures.deviceId;
import static io.syncbridge.port.out.contract.Fixtures.expiringAt;
import static io.syncbridge.port.out.contract.Fixtures.increment;
import static io.syncbridge.port.out.contract.Fixtures.mutationId;
import static io.syncbridge.port.out.contract.Fixtures.newSession;
import static io.syncbridge.port.out.contract.Fixtures.renamed;
import static io.syncbridge.port.out.contract.Fixtures.richSession;
import static io.syncbridge.port.out.contract.Fixtures.richState;
import static io.syncbridge.port.out.contract.Fixtures.withState;
import static io.syncbridge.port.out.contract.Fixtures.sessionId;
import static io.syncbridge.port.out.contract.Fixtures.userId;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.domain.change.AppliedChange;
import io.syncbridge.domain.change.MutationId;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.state.JsonNumber;
import io.syncbridge.domain.state.JsonPointer;
import io.syncbridge.domain.state.JsonValue;
import io.syncbridge.domain.state.PatchOperation;
import io.syncbridge.port.out.ChangeFeed;
import io.syncbridge.port.out.ChangeLog;
import io.syncbridge.port.out.SessionStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@link SessionStore}, the {@link ChangeLog} it writes, and the publication of
 * accepted changes to the {@link ChangeFeed}. Every session store adapter subclasses it.
 *
 * <p>What the contract decides where the port's Javadoc leaves room:
 * <ul>
 *   <li>{@code commit} compares the stored {@code revision()} with {@code expectedRevision}; it
 *       refuses (false, nothing written, nothing published) for an unknown or expired session.</li>
 *   <li>The log keeps at most {@code logCapacity} entries, and an entry is gone once it is
 *       {@code logMaxAge} old by the injected clock ({@code appliedAt + logMaxAge <= now}), whether
 *       or not anything was committed since. Only the oldest entries are ever dropped.</li>
 *   <li>{@code since(id, v)}: an empty list when {@code v >= } the current version;
 *       {@code Optional.empty()} when the log no longer holds version {@code v + 1}; and
 *       {@code Optional.empty()} for an unknown or expired session (no log can vouch for it).</li>
 *   <li>Mutation ids are kept as long as the session, also after their entries left the log.</li>
 *   <li>A session past its expiry ({@code Session.isExpired(clock.now())}) is absent: {@code load},
 *       {@code since} and {@code appliedVersion} do not see it, {@code commit} refuses it, and
 *       {@code insert} takes its place with a fresh log and no mutation ids. {@code delete} removes
 *       it (its result for an expired session is not part of the contract).</li>
 *   <li>A commit with a change publishes exactly
 *       {@code DomainEvent.stateChanged(next, change)} (its id derived from the change), after
 *       the write is visible, in commit order per session. Subscriptions made on the fixture's
 *       feed are active when {@code subscribe} returns. Listeners are fast and non-blocking.</li>
 *   <li>{@code next} is what the change makes of the stored head (its state is the stored state
 *       with the change's operations applied), so a store may keep the state as a checkpoint and
 *       the changes after it; however many changes follow, {@code load} gives the last head whole.</li>
 *   <li>{@code commit} refuses a head decided on an earlier incarnation of the id (another
 *       {@code createdAt}), even at the same revision.</li>
 * </ul>
 *
 * <p>{@link #create} is called before each test and must give a store over empty data, with the
 * feed the store publishes to (or one that receives what it publishes, on another node). Expiry
 * decisions must use the clock given to {@code create}; see the package documentation.
 */
public abstract class SessionStoreContract {

    /** Small enough that tests overflow the log, large enough to hold a few changes. */
    protected static final int LOG_CAPACITY = 5;
    protected static final Duration LOG_MAX_AGE = Duration.ofHours(1);

    protected final MutableClock clock = new MutableClock();
    private Fixture fixture;

    /** The store, its change log and the change feed it publishes to, over empty data. */
    protected abstract Fixture create(MutableClock clock, int logCapacity, Duration logMaxAge);

    /** Called after each test: release or empty what {@link #create} made. */
    protected void cleanUp() throws Exception {
    }

    /** What a session store adapter is made of. */
    public record Fixture(SessionStore store, ChangeLog log, ChangeFeed feed) {
        public Fixture {
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(log, "log");
            Objects.requireNonNull(feed, "feed");
        }
    }

    @BeforeEach
    final void createFixture() {
        fixture = create(clock, LOG_CAPACITY, LOG_MAX_AGE);
    }

    @AfterEach
    final void cleanUpFixture() throws Exception {
        cleanUp();
    }

    protected final SessionStore store() {
        return fixture.store();
    }

    protected final ChangeLog log() {
        return fixture.log();
    }

    protected final ChangeFeed feed() {
        return fixture.feed();
    }

    @Test
    void insertedSessionLoadsWhole() {
        Session session = richSession(sessionId(), userId(), clock.now());

        assertThat(store().insert(session)).isTrue();

        assertThat(store().load(session.id())).contains(session);
    }

    @Test
    void newSessionWithOptionalFieldsAbsentLoadsWhole() {
        Session session = newSession(sessionId(), userId(), clock.now());

        store().insert(session);

        Session loaded = store().load(session.id()).orElseThrow();
        assertThat(loaded).isEqualTo(session);
        assertThat(loaded.activeDevice()).isEmpty();
        assertThat(loaded.completedAt()).isEmpty();
    }

    @Test
    void loadOfUnknownSessionIsEmpty() {
        assertThat(store().load(sessionId())).isEmpty();
    }

    @Test
    void insertRefusesTakenIdAndKeepsStoredSession() {
        Session first = newSession(sessionId(), userId(), clock.now());
        store().insert(first);

        boolean second = store().insert(richSession(first.id(), userId(), clock.now()));

        assertThat(second).isFalse();
        assertThat(store().load(first.id())).contains(first);
    }

    @Test
    void commitWithoutChangeReplacesHeadWhenRevisionMatches() {
        Session session = insertedSession();
        Session next = renamed(session, "Évening — renamed", clock.now());

        assertThat(store().commit(session.revision(), next, Optional.empty())).isTrue();

        assertThat(store().load(session.id())).contains(next);
        assertThat(log().since(session.id(), 0)).contains(List.of());
    }

    @Test
    void commitWithChangeStoresHeadLogEntryAndMutationId() {
        Session session = insertedChangeableSession();
        AppliedChange change = change(1, mutationId(), deviceId(), clock.now());
        Session next = applied(session, change);

        assertThat(store().commit(session.revision(), next, Optional.of(change))).isTrue();

        assertThat(store().load(session.id())).contains(next);
        assertThat(log().since(session.id(), 0)).contains(List.of(change));
        assertThat(store().appliedVersion(session.id(), change.mutationId())).contains(1L);
    }

    @Test
    void commitOnStaleRevisionIsRefusedAndWritesNothing() {
        Session session = insertedSession();
        Session current = commitIncrement(session);
        Fixtures.Step stale = increment(session, deviceId(), mutationId(), clock.now());

        boolean committed = store().commit(session.revision(), stale.next(), Optional.of(stale.change()));

        assertThat(committed).isFalse();
        assertThat(store().load(session.id())).contains(current);
        assertThat(log().since(session.id(), 0).orElseThrow()).hasSize(1);
        assertThat(store().appliedVersion(session.id(), stale.change().mutationId())).isEmpty();
    }

    @Test
    void commitOfAnAlreadyRecordedMutationIsRefusedAndWritesNothing() {
        Session session = insertedSession();
        MutationId retried = mutationId();
        Fixtures.Step first = increment(session, deviceId(), retried, clock.now());
        assertThat(store().commit(session.revision(), first.next(), Optional.of(first.change()))).isTrue();
        Fixtures.Step again = increment(first.next(), deviceId(), retried, clock.now());

        boolean committed = store().commit(first.next().revision(), again.next(), Optional.of(again.change()));

        assertThat(committed).isFalse();
        assertThat(store().load(session.id())).contains(first.next());
        assertThat(log().since(session.id(), 0).orElseThrow()).containsExactly(first.change());
        assertThat(store().appliedVersion(session.id(), retried)).contains(1L);
    }

    @Test
    void commitOnUnknownSessionIsRefused() {
        Session never = newSession(sessionId(), userId(), clock.now());
        Fixtures.Step step = increment(never, deviceId(), mutationId(), clock.now());

        assertThat(store().commit(never.revision(), step.next(), Optional.of(step.change()))).isFalse();
        assertThat(store().load(never.id())).isEmpty();
    }

    @Test
    void sinceReturnsChangesAfterVersionOldestFirst() {
        Session session = insertedSession();
        List<AppliedChange> changes = commitIncrements(session, 3);

        assertThat(log().since(session.id(), 0)).contains(changes);
        assertThat(log().since(session.id(), 1)).contains(changes.subList(1, 3));
        assertThat(log().since(session.id(), 2)).contains(changes.subList(2, 3));
    }

    @Test
    void sinceIsEmptyListWhenAlreadyCurrentOrAhead() {
        Session session = insertedSession();
        commitIncrements(session, 3);

        assertThat(log().since(session.id(), 3)).contains(List.of());
        assertThat(log().since(session.id(), 10)).contains(List.of());
    }

    @Test
    void sinceOfNewSessionIsEmptyList() {
        Session session = insertedSession();

        assertThat(log().since(session.id(), 0)).contains(List.of());
    }

    @Test
    void sinceIsEmptyWhenLogNoLongerReachesBack() {
        Session session = insertedSession();
        List<AppliedChange> changes = commitIncrements(session, LOG_CAPACITY + 2);

        assertThat(log().since(session.id(), 0)).isEmpty();
        assertThat(log().since(session.id(), 1)).isEmpty();
        assertThat(log().since(session.id(), 2)).contains(changes.subList(2, LOG_CAPACITY + 2));
    }

    @Test
    void entriesAgeOutOfLogByInjectedClock() {
        Session session = insertedSession();
        commitIncrements(session, 2);
        clock.advance(Duration.ofMinutes(30));
        AppliedChange later = commitIncrements(store().load(session.id()).orElseThrow(), 1).getFirst();

        clock.advance(Duration.ofMinutes(30));

        assertThat(log().since(session.id(), 0)).as("the first two are an hour old").isEmpty();
        assertThat(log().since(session.id(), 2)).contains(List.of(later));

        clock.advance(Duration.ofMinutes(30));

        assertThat(log().since(session.id(), 2)).as("all are at least an hour old").isEmpty();
        assertThat(log().since(session.id(), 3)).contains(List.of());
    }

    @Test
    void sinceOfUnknownSessionIsEmpty() {
        assertThat(log().since(sessionId(), 0)).isEmpty();
    }

    @Test
    void mutationIdsOutliveTheirLogEntries() {
        Session session = insertedSession();
        List<AppliedChange> changes = commitIncrements(session, LOG_CAPACITY + 2);

        for (AppliedChange change : changes) {
            assertThat(store().appliedVersion(session.id(), change.mutationId())).contains(change.version());
        }
    }

    @Test
    void unknownMutationIdHasNoVersion() {
        Session session = insertedSession();
        commitIncrements(session, 1);

        assertThat(store().appliedVersion(session.id(), mutationId())).isEmpty();
        assertThat(store().appliedVersion(sessionId(), mutationId())).isEmpty();
    }

    @Test
    void mutationIdsBelongToTheirSession() {
        Session one = insertedSession();
        Session other = insertedSession();
        MutationId shared = mutationId();
        Fixtures.Step step = increment(one, deviceId(), shared, clock.now());
        store().commit(one.revision(), step.next(), Optional.of(step.change()));

        assertThat(store().appliedVersion(one.id(), shared)).contains(1L);
        assertThat(store().appliedVersion(other.id(), shared)).isEmpty();
    }

    @Test
    void deleteRemovesSessionLogAndMutationIds() {
        Session session = insertedSession();
        List<AppliedChange> changes = commitIncrements(session, 2);

        assertThat(store().delete(session.id())).isTrue();

        assertThat(store().load(session.id())).isEmpty();
        assertThat(log().since(session.id(), 0)).isEmpty();
        assertThat(store().appliedVersion(session.id(), changes.getFirst().mutationId())).isEmpty();
        assertThat(store().delete(session.id())).isFalse();
    }

    @Test
    void sessionInsertedAgainAfterDeleteStartsClean() {
        Session session = insertedSession();
        List<AppliedChange> changes = commitIncrements(session, 2);
        store().delete(session.id());

        assertThat(store().insert(session)).isTrue();

        assertThat(store().load(session.id())).contains(session);
        assertThat(log().since(session.id(), 0)).contains(List.of());
        assertThat(store().appliedVersion(session.id(), changes.getFirst().mutationId())).isEmpty();
    }

    @Test
    void deleteOfUnknownSessionIsFalse() {
        assertThat(store().delete(sessionId())).isFalse();
    }

    @Test
    void expiredSessionIsAbsent() {
        Session session = insertedSessionExpiringIn(Duration.ofMinutes(10));
        Fixtures.Step step = increment(session, deviceId(), mutationId(), clock.now());
        Session current = expiringAt(step.next(), session.expiresAt());
        store().commit(session.revision(), current, Optional.of(step.change()));
        clock.set(session.expiresAt());
        Fixtures.Step late = increment(current, deviceId(), mutationId(), clock.now());

        assertThat(store().load(session.id())).isEmpty();
        assertThat(log().since(session.id(), 0)).as("the entry is young; the session is gone").isEmpty();
        assertThat(store().appliedVersion(session.id(), step.change().mutationId())).isEmpty();
        assertThat(store().commit(current.revision(), late.next(), Optional.of(late.change()))).isFalse();
    }

    @Test
    void sessionJustBeforeExpiryIsPresent() {
        Session session = insertedSessionExpiringIn(Duration.ofMinutes(10));
        clock.set(session.expiresAt().minusMillis(1));

        assertThat(store().load(session.id())).contains(session);
    }

    @Test
    void insertTakesThePlaceOfExpiredSession() {
        Session old = insertedSessionExpiringIn(Duration.ofMinutes(10));
        Fixtures.Step step = increment(old, deviceId(), mutationId(), clock.now());
        store().commit(old.revision(), expiringAt(step.next(), old.expiresAt()), Optional.of(step.change()));
        clock.set(old.expiresAt());
        Session fresh = newSession(old.id(), userId(), clock.now());

        assertThat(store().insert(fresh)).isTrue();

        assertThat(store().load(old.id())).contains(fresh);
        assertThat(log().since(old.id(), 0)).contains(List.of());
        assertThat(store().appliedVersion(old.id(), step.change().mutationId())).isEmpty();
    }

    @Test
    void exactlyOneOfTwoRacingCommitsWins() {
        Session session = insertedSession();
        List<Fixtures.Step> steps = List.of(
                increment(session, deviceId(), mutationId(), clock.now()),
                increment(session, deviceId(), mutationId(), clock.now()));

        List<Boolean> results = Concurrently.run(2, i ->
                store().commit(session.revision(), steps.get(i).next(), Optional.of(steps.get(i).change())));

        assertThat(results).containsExactlyInAnyOrder(true, false);
        Fixtures.Step winner = steps.get(results.indexOf(true));
        Fixtures.Step loser = steps.get(results.indexOf(false));
        assertThat(store().load(session.id())).contains(winner.next());
        assertThat(log().since(session.id(), 0)).contains(List.of(winner.change()));
        assertThat(store().appliedVersion(session.id(), loser.change().mutationId())).isEmpty();
    }

    @Test
    void racingIncrementsWithRetryLoseNothing() {
        int threads = 4;
        int perThread = 10;
        int total = threads * perThread;
        Session session = insertedSession();
        EventRecorder events = new EventRecorder();
        try (ChangeFeed.Subscription ignored = feed().subscribe(session.id(), events)) {
            List<List<AppliedChange>> committed = Concurrently.run(threads, () -> {
                DeviceId device = deviceId();
                List<AppliedChange> mine = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                    mine.add(incrementWithRetry(session.id(), device));
                }
                return mine;
            });

            Session last = store().load(session.id()).orElseThrow();
            assertThat(counter(last)).isEqualTo(total);
            assertThat(last.version()).isEqualTo(total);
            List<AppliedChange> all = committed.stream().flatMap(List::stream).toList();
            assertThat(all).extracting(AppliedChange::version)
                    .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
            for (AppliedChange change : all) {
                assertThat(store().appliedVersion(session.id(), change.mutationId())).contains(change.version());
            }
            assertThat(log().since(session.id(), total - LOG_CAPACITY).orElseThrow())
                    .extracting(AppliedChange::version)
                    .containsExactlyElementsOf(LongStream.rangeClosed(total - LOG_CAPACITY + 1, total).boxed().toList());
            assertThat(events.next(total)).extracting(e -> ((DomainEvent.StateChanged) e).change().version())
                    .as("published once each, in commit order")
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
        }
    }

    @Test
    void commitWithChangePublishesStateChanged() {
        Session session = insertedChangeableSession();
        EventRecorder events = new EventRecorder();
        try (ChangeFeed.Subscription ignored = feed().subscribe(session.id(), events)) {
            AppliedChange change = change(1, mutationId(), deviceId(), clock.now());
            Session next = applied(session, change);

            store().commit(session.revision(), next, Optional.of(change));

            DomainEvent event = events.next();
            assertThat(event).isInstanceOf(DomainEvent.StateChanged.class);
            assertThat(event.eventId()).isNotBlank();
            assertThat(event).isEqualTo(DomainEvent.stateChanged(event.eventId(), next, change));
        }
    }

    @Test
    void commitsWithoutChangeOrRefusedPublishNothing() {
        Session session = insertedSession();
        EventRecorder events = new EventRecorder();
        try (ChangeFeed.Subscription ignored = feed().subscribe(session.id(), events)) {
            Session renamed = renamed(session, "renamed", clock.now());
            store().commit(session.revision(), renamed, Optional.empty());
            Fixtures.Step refused = increment(session, deviceId(), mutationId(), clock.now());
            store().commit(session.revision(), refused.next(), Optional.of(refused.change()));
            Fixtures.Step accepted = increment(renamed, deviceId(), mutationId(), clock.now());
            store().commit(renamed.revision(), accepted.next(), Optional.of(accepted.change()));

            DomainEvent first = events.next();

            assertThat(first).isEqualTo(DomainEvent.stateChanged(first.eventId(), accepted.next(), accepted.change()));
        }
    }

    @Test
    void publishesChangesInCommitOrderWithDistinctEventIds() {
        Session session = insertedSession();
        EventRecorder events = new EventRecorder();
        try (ChangeFeed.Subscription ignored = feed().subscribe(session.id(), events)) {
            List<AppliedChange> changes = commitIncrements(session, 8);

            List<DomainEvent> received = events.next(8);

            assertThat(received).extracting(e -> ((DomainEvent.StateChanged) e).change())
                    .containsExactlyElementsOf(changes);
            assertThat(received).extracting(DomainEvent::eventId).doesNotHaveDuplicates();
        }
    }

    @Test
    void publishesOnlyToSubscribersOfTheSession() {
        Session watched = insertedSession();
        Session other = insertedSession();
        EventRecorder events = new EventRecorder();
        try (ChangeFeed.Subscription ignored = feed().subscribe(watched.id(), events)) {
            commitIncrements(other, 1);
            AppliedChange mine = commitIncrements(watched, 1).getFirst();

            assertThat(((DomainEvent.StateChanged) events.next()).change()).isEqualTo(mine);
        }
    }

    @Test
    void loadRebuildsALargeStateAfterManyChangesPastTheLogCapacity() {
        Session session = withState(newSession(sessionId(), userId(), clock.now()), richState());
        assertThat(store().insert(session)).isTrue();
        Session current = session;
        for (int i = 1; i <= LOG_CAPACITY * 3 + 1; i++) {
            AppliedChange change = new AppliedChange(current.version() + 1, mutationId(), deviceId(),
                    List.of(new PatchOperation.SetKey("k" + (i % 4), JsonNumber.of(i)),
                            new PatchOperation.Add(new JsonPointer(List.of("nested", "deep", "n" + i)),
                                    JsonValue.of("ü " + i))), clock.now());
            Session next = applied(current, change);
            assertThat(store().commit(current.revision(), next, Optional.of(change))).isTrue();
            current = next;
            clock.advance(Duration.ofMillis(1));
            assertThat(store().load(session.id())).as("after change %d", i).contains(current);
        }
        Session renamed = renamed(current, "after the changes", clock.now());
        assertThat(store().commit(current.revision(), renamed, Optional.empty())).isTrue();

        assertThat(store().load(session.id())).contains(renamed);
        assertThat(log().since(session.id(), renamed.version() - LOG_CAPACITY).orElseThrow())
                .extracting(AppliedChange::version)
                .containsExactlyElementsOf(LongStream.rangeClosed(renamed.version() - LOG_CAPACITY + 1,
                        renamed.version()).boxed().toList());
        assertThat(log().since(session.id(), renamed.version() - LOG_CAPACITY - 1)).isEmpty();
    }

    @Test
    void commitDecidedOnAnEarlierIncarnationOfTheIdIsRefused() {
        Session old = insertedSession();
        assertThat(store().delete(old.id())).isTrue();
        clock.advance(Duration.ofSeconds(1));
        Session fresh = newSession(old.id(), old.owner(), clock.now());
        assertThat(store().insert(fresh)).isTrue();
        Fixtures.Step stale = increment(old, deviceId(), mutationId(), clock.now());

        assertThat(fresh.revision()).isEqualTo(old.revision());
        assertThat(store().commit(old.revision(), stale.next(), Optional.of(stale.change()))).isFalse();
        assertThat(store().load(old.id())).contains(fresh);
    }

    /** Inserts a new session whose state takes every operation of {@link Fixtures#change}. */
    protected final Session insertedChangeableSession() {
        Session session = withState(newSession(sessionId(), userId(), clock.now()), changeableState());
        assertThat(store().insert(session)).isTrue();
        return session;
    }

    /** Inserts a new session of a fresh id and owner. */
    protected final Session insertedSession() {
        Session session = newSession(sessionId(), userId(), clock.now());
        assertThat(store().insert(session)).isTrue();
        return session;
    }

    /** Inserts a new session that expires {@code ttl} from now (shorter than the log's max age). */
    protected final Session insertedSessionExpiringIn(Duration ttl) {
        Session session = expiringAt(newSession(sessionId(), userId(), clock.now()), clock.now().plus(ttl));
        assertThat(store().insert(session)).isTrue();
        return session;
    }

    /** Commits {@code count} increments one after another from {@code session}; returns the changes. */
    protected final List<AppliedChange> commitIncrements(Session session, int count) {
        List<AppliedChange> changes = new ArrayList<>(count);
        Session current = session;
        for (int i = 0; i < count; i++) {
            Fixtures.Step step = increment(current, deviceId(), mutationId(), clock.now());
            assertThat(store().commit(current.revision(), step.next(), Optional.of(step.change()))).isTrue();
            changes.add(step.change());
            current = step.next();
        }
        return changes;
    }

    private Session commitIncrement(Session session) {
        commitIncrements(session, 1);
        return store().load(session.id()).orElseThrow();
    }

    /** Load, decide, commit; on a lost race load again: what the application does. */
    private AppliedChange incrementWithRetry(SessionId id, DeviceId device) {
        MutationId mutationId = mutationId();
        while (true) {
            Session current = store().load(id).orElseThrow();
            Fixtures.Step step = increment(current, device, mutationId, clock.now());
            if (store().commit(current.revision(), step.next(), Optional.of(step.change()))) {
                return step.change();
            }
        }
    }
}
