package io.syncbridge.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.domain.change.AppliedChange;
import io.syncbridge.domain.change.Change;
import io.syncbridge.domain.change.MutationId;
import io.syncbridge.domain.conflict.ConflictPolicy;
import io.syncbridge.domain.device.DeviceDescription;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.error.SyncError;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.SessionPolicy;
import io.syncbridge.domain.session.SessionSettings;
import io.syncbridge.domain.session.UserId;
import io.syncbridge.domain.state.JsonPointer;
import io.syncbridge.domain.state.JsonValue;
import io.syncbridge.domain.state.PatchOperation;
import io.syncbridge.domain.time.Clock;
import io.syncbridge.inmemory.InMemoryChangeFeed;
import io.syncbridge.inmemory.InMemorySessionStore;
import io.syncbridge.port.in.Caller;
import io.syncbridge.port.in.ChangeResult;
import io.syncbridge.port.in.SessionsUseCase.CreateSession;
import io.syncbridge.port.out.ChangeFeed;
import io.syncbridge.port.out.ChangeLog;
import io.syncbridge.port.out.SessionStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The node-local head: a node that serves a session (watches it) decides changes on the head it
 * keeps from its own commits and the change feed, without loading it; a head the store has passed
 * costs a refused commit and a reload, never a wrong result.
 */
class WarmHeadTest {

    private static final Caller ALICE = Caller.user(new UserId("alice"));
    private static final DeviceId PHONE = new DeviceId("phone");
    private static final DeviceId LAPTOP = new DeviceId("laptop");

    private final Clock clock = Clock.system();
    private final InMemoryChangeFeed feed = new InMemoryChangeFeed();
    private final InMemorySessionStore backing = new InMemorySessionStore(feed, clock, SessionPolicy.DEFAULT);
    private final CountingStore store = new CountingStore(backing);
    private final CountingLog log = new CountingLog(backing);
    /** Two nodes on one store and one feed. */
    private final SyncBridge node = core();
    private final SyncBridge other = core();

    @Test
    void changesOnAWatchedSessionAreDecidedWithoutLoadingTheHead() {
        Session session = newSession();
        try (ChangeFeed.Subscription ignored = node.sync().watch(ALICE, session.id(), e -> { })) {
            apply(node, session.id(), "m-0", 0);
            int loads = store.loads.get();

            for (int i = 1; i <= 20; i++) {
                assertThat(apply(node, session.id(), "m-" + i, i)).isInstanceOf(ChangeResult.Accepted.class);
            }

            assertThat(store.loads.get()).as("loads for 20 changes on a warm head").isEqualTo(loads);
            assertThat(node.sessions().get(ALICE, session.id()).version()).isEqualTo(21);
        }
    }

    @Test
    void changesFromAnotherNodeKeepTheHeadWarmThroughTheFeed() {
        Session session = newSession();
        try (ChangeFeed.Subscription ignored = node.sync().watch(ALICE, session.id(), e -> { })) {
            apply(node, session.id(), "m-0", 0);
            for (int i = 1; i <= 5; i++) {
                assertThat(apply(other, session.id(), "other-" + i, i)).isInstanceOf(ChangeResult.Accepted.class);
            }
            int loads = store.loads.get();
            int refused = store.refused.get();

            assertThat(apply(node, session.id(), "m-6", 6)).isInstanceOfSatisfying(ChangeResult.Accepted.class,
                    accepted -> assertThat(accepted.version()).isEqualTo(7));

            assertThat(store.loads.get()).isEqualTo(loads);
            assertThat(store.refused.get()).isEqualTo(refused);
        }
    }

    @Test
    void aHeadTheStoreHasPassedCostsAReloadAndDecidesOnTheCurrentHead() {
        Session session = newSession();
        try (ChangeFeed.Subscription ignored = node.sync().watch(ALICE, session.id(), e -> { })) {
            apply(node, session.id(), "m-0", 0);
            // Written behind the node's back: no event reaches its head.
            Session current = backing.load(session.id()).orElseThrow();
            Session renamed = current.update(Optional.of("renamed"), Optional.empty(), Optional.empty(),
                    Optional.empty(), SessionPolicy.DEFAULT, Instant.now());
            assertThat(backing.commit(current.revision(), renamed, Optional.empty())).isTrue();
            int refused = store.refused.get();

            ChangeResult result = apply(node, session.id(), "m-1", 1);

            assertThat(store.refused.get()).as("the commit on the stale head").isEqualTo(refused + 1);
            assertThat(result).isInstanceOfSatisfying(ChangeResult.Accepted.class,
                    accepted -> assertThat(accepted.version()).isEqualTo(2));
            Session stored = backing.load(session.id()).orElseThrow();
            assertThat(stored.name()).isEqualTo("renamed");
            assertThat(stored.state().valueAt(JsonPointer.parse("/pose"))).contains(JsonValue.of(1));
        }
    }

    @Test
    void aDeviceEventForgetsTheHeadAndTheNextChangeReadsTheStore() {
        Session session = newSession();
        try (ChangeFeed.Subscription ignored = node.sync().watch(ALICE, session.id(), e -> { })) {
            apply(node, session.id(), "m-0", 0);
            other.devices().connect(ALICE, session.id(), LAPTOP, DeviceDescription.UNKNOWN, "conn-laptop");
            int loads = store.loads.get();

            assertThat(apply(node, session.id(), "m-1", 1)).isInstanceOf(ChangeResult.Accepted.class);

            assertThat(store.loads.get()).isEqualTo(loads + 1);
            assertThat(node.sessions().get(ALICE, session.id()).devices().contains(LAPTOP)).isTrue();
        }
    }

    @Test
    void aDeviceJoiningAWatchedSessionReadsNothingFromTheStoreAndItsOwnEventKeepsTheHead() {
        Session session = newSession();
        try (ChangeFeed.Subscription ignored = node.sync().watch(ALICE, session.id(), e -> { })) {
            apply(node, session.id(), "m-0", 0);
            int loads = store.loads.get();
            Caller laptop = Caller.granted(ALICE.user(), session.id(), Optional.of(LAPTOP),
                    Optional.of(session.createdAt()));

            assertThat(node.sessions().open(laptop, session.id()).id()).isEqualTo(session.id());
            node.devices().connect(laptop, session.id(), LAPTOP, DeviceDescription.UNKNOWN, "conn-laptop");
            assertThat(apply(node, session.id(), "m-1", 1)).isInstanceOf(ChangeResult.Accepted.class);

            assertThat(store.loads.get()).as("loads for the open, the join and the next change").isEqualTo(loads);
            Session stored = backing.load(session.id()).orElseThrow();
            assertThat(stored.devices().contains(LAPTOP)).isTrue();
            assertThat(stored.version()).isEqualTo(2);
        }
    }

    @Test
    void aDeviceJoiningOnAHeadTheStoreHasPassedIsDecidedAgainOnTheStore() {
        Session session = newSession();
        try (ChangeFeed.Subscription ignored = node.sync().watch(ALICE, session.id(), e -> { })) {
            Session current = backing.load(session.id()).orElseThrow();
            Session renamed = current.update(Optional.of("renamed"), Optional.empty(), Optional.empty(),
                    Optional.empty(), SessionPolicy.DEFAULT, Instant.now());
            assertThat(backing.commit(current.revision(), renamed, Optional.empty())).isTrue(); // no event
            int refused = store.refused.get();

            node.devices().connect(ALICE, session.id(), LAPTOP, DeviceDescription.UNKNOWN, "conn-laptop");

            assertThat(store.refused.get()).as("the commit on the stale head").isEqualTo(refused + 1);
            Session stored = backing.load(session.id()).orElseThrow();
            assertThat(stored.name()).isEqualTo("renamed");
            assertThat(stored.devices().contains(LAPTOP)).isTrue();
        }
    }

    @Test
    void aRefusalOnTheWarmHeadIsDecidedAgainOnTheStore() {
        Session session = newSession();
        try (ChangeFeed.Subscription ignored = node.sync().watch(ALICE, session.id(), e -> { })) {
            // The laptop joins behind the node's back: its warm head does not know the device.
            Session current = backing.load(session.id()).orElseThrow();
            Session joined = current.admit(LAPTOP, DeviceDescription.UNKNOWN, SessionPolicy.DEFAULT, Instant.now())
                    .session();
            assertThat(backing.commit(current.revision(), joined, Optional.empty())).isTrue();

            node.devices().remove(ALICE, session.id(), LAPTOP);

            assertThat(backing.load(session.id()).orElseThrow().devices().contains(LAPTOP)).isFalse();
        }
    }

    @Test
    void aDeviceDisconnectingFromAWatchedSessionReadsNothingFromTheStore() {
        Session session = newSession();
        try (ChangeFeed.Subscription ignored = node.sync().watch(ALICE, session.id(), e -> { })) {
            apply(node, session.id(), "m-0", 0);
            node.devices().connect(ALICE, session.id(), LAPTOP, DeviceDescription.UNKNOWN, "conn-laptop");
            int loads = store.loads.get();

            node.devices().disconnect(session.id(), LAPTOP, "conn-laptop");
            assertThat(apply(node, session.id(), "m-1", 1)).isInstanceOf(ChangeResult.Accepted.class);

            assertThat(store.loads.get()).as("loads for the disconnect and the next change").isEqualTo(loads);
            assertThat(backing.load(session.id()).orElseThrow().devices().find(LAPTOP))
                    .hasValueSatisfying(laptop -> assertThat(laptop.online()).isFalse());
        }
    }

    @Test
    void aHandoffOnAWatchedSessionReadsNothingFromTheStoreAndKeepsTheHead() {
        Session session = newSession();
        try (ChangeFeed.Subscription ignored = node.sync().watch(ALICE, session.id(), e -> { })) {
            apply(node, session.id(), "m-0", 0);
            node.devices().connect(ALICE, session.id(), LAPTOP, DeviceDescription.UNKNOWN, "conn-laptop");
            int loads = store.loads.get();

            node.handoffs().handOff(ALICE, session.id(), LAPTOP);
            assertThat(apply(node, session.id(), "m-1", 1)).isInstanceOf(ChangeResult.Accepted.class);

            assertThat(store.loads.get()).as("loads for the handoff and the next change").isEqualTo(loads);
            assertThat(backing.load(session.id()).orElseThrow().activeDevice()).contains(LAPTOP);
        }
    }

    @Test
    void theServedSessionIsTheWarmHeadWhileWatchedAndTheStoresOtherwise() {
        Session session = newSession();
        int loads = store.loads.get();
        assertThat(node.sessions().served(ALICE, session.id()).id()).isEqualTo(session.id());
        assertThat(store.loads.get()).as("not watched: read from the store").isEqualTo(loads + 1);

        try (ChangeFeed.Subscription ignored = node.sync().watch(ALICE, session.id(), e -> { })) {
            apply(other, session.id(), "other-0", 0); // reaches the node's head through the feed
            int watched = store.loads.get();

            assertThat(node.sessions().served(ALICE, session.id()).version()).isEqualTo(1);
            assertThat(store.loads.get()).isEqualTo(watched);
        }
    }

    @Test
    void aSessionNoLongerWatchedKeepsNoHead() {
        Session session = newSession();
        ChangeFeed.Subscription watch = node.sync().watch(ALICE, session.id(), e -> { });
        ChangeFeed.Subscription second = node.sync().watch(ALICE, session.id(), e -> { });
        apply(node, session.id(), "m-0", 0);
        watch.close();
        watch.close();
        int loads = store.loads.get();
        apply(node, session.id(), "m-1", 1);
        assertThat(store.loads.get()).as("still watched once").isEqualTo(loads);

        second.close();
        apply(node, session.id(), "m-2", 2);

        assertThat(store.loads.get()).isEqualTo(loads + 1);
        assertThat(feed.subscribers(session.id())).isZero();
    }

    @Test
    void aChangeBasedJustBehindTheWarmHeadIsDecidedWithoutReadingTheChangeLog() {
        Session session = newSession();
        try (ChangeFeed.Subscription ignored = node.sync().watch(ALICE, session.id(), e -> { })) {
            for (int i = 0; i < 10; i++) {
                apply(node, session.id(), "m-" + i, i);
            }
            apply(other, session.id(), "other-10", 10); // reaches the node's head through the feed
            int reads = log.reads.get();

            // Based on version 8 of 11: the device sent again before its last acknowledgements came back.
            ChangeResult result = applyAt(node, session.id(), "late", 8, "/other");

            assertThat(result).isInstanceOfSatisfying(ChangeResult.Accepted.class,
                    accepted -> assertThat(accepted.version()).isEqualTo(12));
            assertThat(log.reads.get()).as("change log reads").isEqualTo(reads);
        }
    }

    @Test
    void aBaseOlderThanTheKeptChangesIsDecidedOnTheChangeLog() {
        Session session = newSession();
        try (ChangeFeed.Subscription ignored = node.sync().watch(ALICE, session.id(), e -> { })) {
            int changes = SessionHeads.RECENT_CHANGES + 5;
            for (int i = 0; i < changes; i++) {
                apply(node, session.id(), "m-" + i, i);
            }
            int reads = log.reads.get();

            ChangeResult result = applyAt(node, session.id(), "old", 2, "/other");

            assertThat(result).isInstanceOfSatisfying(ChangeResult.Accepted.class,
                    accepted -> assertThat(accepted.version()).isEqualTo(changes + 1));
            assertThat(log.reads.get()).isEqualTo(reads + 1);
        }
    }

    @Test
    void aConflictFoundOnTheWarmHeadIsAnsweredWithoutReloadingIt() {
        Session session = newSession(new SessionSettings(ConflictPolicy.MERGE, SessionSettings.DEFAULT.evictionPolicy(),
                SessionSettings.DEFAULT.custom()));
        try (ChangeFeed.Subscription ignored = node.sync().watch(ALICE, session.id(), e -> { })) {
            for (int i = 0; i < 6; i++) {
                apply(node, session.id(), "m-" + i, i);
            }
            int loads = store.loads.get();
            int reads = log.reads.get();

            // Based on version 3, it sets /pose, which versions 4 to 6 set too: a conflict under MERGE.
            ChangeResult result = applyAt(node, session.id(), "stale", 3, "/pose");

            assertThat(result).isInstanceOfSatisfying(ChangeResult.Rejected.class, rejected ->
                    assertThat(rejected.error()).isInstanceOf(SyncError.VersionConflict.class));
            assertThat(store.loads.get()).as("loads").isEqualTo(loads);
            assertThat(log.reads.get()).as("change log reads").isEqualTo(reads);
            assertThat(node.sessions().get(ALICE, session.id()).version()).isEqualTo(6);
        }
    }

    private SyncBridge core() {
        return SyncBridge.builder().clock(clock).policy(SessionPolicy.DEFAULT).sessionStore(store, log, feed)
                .passwordHasher(new Pbkdf2PasswordHasher(1_000)).build();
    }

    private Session newSession() {
        return newSession(SessionSettings.DEFAULT);
    }

    private Session newSession(SessionSettings settings) {
        Session session = node.sessions().create(ALICE, new CreateSession(Optional.empty(), "Flow", "yoga", settings));
        node.devices().connect(ALICE, session.id(), PHONE, DeviceDescription.UNKNOWN, "conn-phone");
        return session;
    }

    private static ChangeResult apply(SyncBridge core, SessionId id, String mutation, long base) {
        return core.sync().apply(ALICE, id, new Change(new MutationId(mutation), base,
                List.of(new PatchOperation.Add(JsonPointer.parse("/pose"), JsonValue.of(base))), PHONE, Instant.now()));
    }

    private static ChangeResult applyAt(SyncBridge core, SessionId id, String mutation, long base, String path) {
        return core.sync().apply(ALICE, id, new Change(new MutationId(mutation), base,
                List.of(new PatchOperation.Add(JsonPointer.parse(path), JsonValue.of(mutation))), PHONE, Instant.now()));
    }

    /** Counts the reads of the change log it wraps. */
    private static final class CountingLog implements ChangeLog {
        private final ChangeLog delegate;
        final AtomicInteger reads = new AtomicInteger();

        CountingLog(ChangeLog delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<List<AppliedChange>> since(SessionId id, long afterVersion) {
            reads.incrementAndGet();
            return delegate.since(id, afterVersion);
        }
    }

    /** Counts loads and refused commits of the store it wraps. */
    private static final class CountingStore implements SessionStore {
        private final SessionStore delegate;
        final AtomicInteger loads = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();

        CountingStore(SessionStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<Session> load(SessionId id) {
            loads.incrementAndGet();
            return delegate.load(id);
        }

        @Override
        public boolean insert(Session session) {
            return delegate.insert(session);
        }

        @Override
        public boolean commit(long expectedRevision, Session next, Optional<AppliedChange> change) {
            boolean committed = delegate.commit(expectedRevision, next, change);
            if (!committed) {
                refused.incrementAndGet();
            }
            return committed;
        }

        @Override
        public boolean delete(SessionId id) {
            return delegate.delete(id);
        }

        @Override
        public Optional<Long> appliedVersion(SessionId id, MutationId mutationId) {
            return delegate.appliedVersion(id, mutationId);
        }
    }
}
