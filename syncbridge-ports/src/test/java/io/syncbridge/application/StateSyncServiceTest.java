package io.syncbridge.application;

import static io.syncbridge.application.CoreFixture.ALICE;
import static io.syncbridge.application.CoreFixture.AS_ALICE;
import static io.syncbridge.application.CoreFixture.AS_BOB;
import static io.syncbridge.application.CoreFixture.LAPTOP;
import static io.syncbridge.application.CoreFixture.add;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncbridge.domain.change.Change;
import io.syncbridge.domain.change.ChangeOutcome;
import io.syncbridge.domain.change.MutationId;
import io.syncbridge.domain.conflict.ConflictPolicy;
import io.syncbridge.domain.device.EvictionPolicy;
import io.syncbridge.domain.error.ErrorReason;
import io.syncbridge.domain.error.SyncError;
import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.SessionPolicy;
import io.syncbridge.domain.session.SessionSettings;
import io.syncbridge.domain.state.JsonObject;
import io.syncbridge.domain.state.JsonPointer;
import io.syncbridge.domain.state.JsonValue;
import io.syncbridge.domain.state.PatchOperation;
import io.syncbridge.domain.state.StateLimits;
import io.syncbridge.port.in.Caller;
import io.syncbridge.port.in.CatchUp;
import io.syncbridge.port.in.ChangeResult;
import io.syncbridge.port.out.ChangeFeed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class StateSyncServiceTest {

    private final CoreFixture fx = new CoreFixture();

    @Test
    void appliesAChangeOnTheCurrentVersion() {
        Session session = fx.newSession();
        ChangeResult result = fx.core.sync().apply(AS_ALICE, session.id(), fx.change("m1", 0, add("/pose", "tree")));
        assertThat(result).isInstanceOfSatisfying(ChangeResult.Accepted.class, accepted -> {
            assertThat(accepted.version()).isEqualTo(1);
            assertThat(accepted.outcome()).isEqualTo(ChangeOutcome.APPLIED);
        });
        assertThat(fx.core.sessions().get(AS_ALICE, session.id()).state().valueAt(JsonPointer.parse("/pose")))
                .contains(JsonValue.of("tree"));
    }

    @Test
    void answersARetryOfTheSameMutationAsADuplicateWithoutApplyingItTwice() {
        Session session = fx.newSession();
        Change change = fx.change("m1", 0, add("/count", 1));
        fx.core.sync().apply(AS_ALICE, session.id(), change);
        ChangeResult again = fx.core.sync().apply(AS_ALICE, session.id(), change);
        assertThat(again).isEqualTo(new ChangeResult.Duplicate(new MutationId("m1"), 1));
        assertThat(fx.core.sessions().get(AS_ALICE, session.id()).version()).isEqualTo(1);
    }

    @Test
    void rebasesAStaleChangeThatTouchesOtherPaths() {
        Session session = fx.newSession();
        fx.core.sync().apply(AS_ALICE, session.id(), fx.change("m1", 0, add("/a", 1)));
        ChangeResult late = fx.core.sync().apply(AS_ALICE, session.id(), fx.change("m2", 0, add("/b", 2)));
        assertThat(late).isInstanceOfSatisfying(ChangeResult.Accepted.class,
                a -> assertThat(a.outcome()).isEqualTo(ChangeOutcome.REBASED));
    }

    @Test
    void rejectsAStaleChangeOnTheSamePathAndChangesNothing() {
        Session session = fx.newSession();
        fx.core.sync().apply(AS_ALICE, session.id(), fx.change("m1", 0, add("/a", 1)));
        ChangeResult late = fx.core.sync().apply(AS_ALICE, session.id(), fx.change("m2", 0, add("/a", 2)));
        assertThat(late).isInstanceOfSatisfying(ChangeResult.Rejected.class, r -> {
            assertThat(r.error()).isInstanceOf(SyncError.VersionConflict.class);
            assertThat(((SyncError.VersionConflict) r.error()).conflicts()).singleElement()
                    .satisfies(c -> assertThat(c.currentValue()).contains(JsonValue.of(1)));
        });
        Session after = fx.core.sessions().get(AS_ALICE, session.id());
        assertThat(after.version()).isEqualTo(1);
        assertThat(after.state().valueAt(JsonPointer.parse("/a"))).contains(JsonValue.of(1));
    }

    @Test
    void rejectsAChangeThatWouldMakeTheStateTooLarge() {
        CoreFixture small = new CoreFixture(SessionPolicy.DEFAULT.withStateLimits(new StateLimits(64, 8)));
        Session session = small.newSession();
        ChangeResult result = small.core.sync().apply(AS_ALICE, session.id(),
                small.change("big", 0, add("/blob", "x".repeat(100))));
        assertThat(result).isInstanceOfSatisfying(ChangeResult.Rejected.class,
                r -> assertThat(r.error().reason()).isEqualTo(ErrorReason.STATE_TOO_LARGE));
        assertThat(small.core.sessions().get(AS_ALICE, session.id()).version()).isZero();
    }

    @Test
    void eightWritersOfAThousandChangesOnDifferentKeysLoseNothing() throws Exception {
        Session session = fx.newSession();
        int writers = 8;
        int perWriter = 1_000;
        List<List<ChangeResult>> results = concurrently(writers, writer -> {
            List<ChangeResult> mine = new ArrayList<>(perWriter);
            for (int i = 0; i < perWriter; i++) {
                mine.add(fx.core.sync().applyUnversioned(AS_ALICE, session.id(), new MutationId("w" + writer + "-" + i),
                        List.of(new PatchOperation.SetKey("k" + writer + "-" + i, JsonValue.of(i))), LAPTOP));
            }
            return mine;
        });
        assertThat(results).allSatisfy(mine -> assertThat(mine).allMatch(r -> r instanceof ChangeResult.Accepted));
        Session after = fx.core.sessions().get(AS_ALICE, session.id());
        assertThat(after.version()).isEqualTo(writers * perWriter);
        assertThat(after.state().root().size()).isEqualTo(writers * perWriter);
    }

    @Test
    void underStrictEveryChangeToOneKeyIsEitherAppliedOnceOrReportedAsAConflict() throws Exception {
        Session session = fx.newSession(new SessionSettings(ConflictPolicy.STRICT, EvictionPolicy.REFUSE, JsonObject.EMPTY));
        int writers = 8;
        int perWriter = 1_000;
        List<List<ChangeResult>> results = concurrently(writers, writer -> {
            List<ChangeResult> mine = new ArrayList<>(perWriter);
            long known = 0;
            for (int i = 0; i < perWriter; i++) {
                ChangeResult r = fx.core.sync().apply(AS_ALICE, session.id(),
                        fx.change("s" + writer + "-" + i, known, add("/counter", writer * perWriter + i)));
                mine.add(r);
                if (r instanceof ChangeResult.Accepted a) {
                    known = a.version();
                } else if (r instanceof ChangeResult.Rejected rejected
                        && rejected.error() instanceof SyncError.VersionConflict conflict) {
                    known = conflict.currentVersion();
                }
            }
            return mine;
        });
        List<ChangeResult> all = results.stream().flatMap(List::stream).toList();
        long applied = all.stream().filter(r -> r instanceof ChangeResult.Accepted).count();
        long conflicts = all.stream().filter(r -> r instanceof ChangeResult.Rejected rej
                && rej.error() instanceof SyncError.VersionConflict).count();
        assertThat(applied + conflicts).isEqualTo(writers * perWriter);
        assertThat(all.stream().filter(r -> r instanceof ChangeResult.Accepted)
                .map(r -> ((ChangeResult.Accepted) r).version()).distinct().count()).isEqualTo(applied);
        Session after = fx.core.sessions().get(AS_ALICE, session.id());
        assertThat(after.version()).isEqualTo(applied);
        ChangeResult.Accepted last = (ChangeResult.Accepted) all.stream().filter(r -> r instanceof ChangeResult.Accepted)
                .max(Comparator.comparingLong(r -> ((ChangeResult.Accepted) r).version())).orElseThrow();
        assertThat(after.state()).isEqualTo(last.session().state());
    }

    /** Runs {@code work} on {@code threads} threads released together; returns each thread's result. */
    private static <T> List<T> concurrently(int threads, IntFunction<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    return work.apply(id);
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(120, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aResentOfflineBatchAppliesNothingTwice() {
        Session session = fx.newSession();
        List<Change> queue = List.of(fx.change("o1", 0, add("/a", 1)), fx.change("o2", 0, add("/b", 2)),
                fx.change("o3", 0, add("/a", 3)));
        List<ChangeResult> first = fx.core.sync().applyBatch(AS_ALICE, session.id(), queue);
        assertThat(first).hasSize(3);
        assertThat(first.get(0)).isInstanceOf(ChangeResult.Accepted.class);
        assertThat(first.get(1)).isInstanceOf(ChangeResult.Accepted.class);
        assertThat(first.get(2)).isInstanceOf(ChangeResult.Rejected.class);
        List<ChangeResult> again = fx.core.sync().applyBatch(AS_ALICE, session.id(), queue);
        assertThat(again.get(0)).isEqualTo(new ChangeResult.Duplicate(new MutationId("o1"), 1));
        assertThat(again.get(1)).isEqualTo(new ChangeResult.Duplicate(new MutationId("o2"), 2));
        assertThat(fx.core.sessions().get(AS_ALICE, session.id()).version()).isEqualTo(2);
    }

    @Test
    void catchesUpWithTheChangesSinceAVersion() {
        Session session = fx.newSession();
        for (int i = 0; i < 3; i++) {
            fx.core.sync().apply(AS_ALICE, session.id(), fx.change("m" + i, i, add("/k" + i, i)));
        }
        assertThat(fx.core.sync().since(AS_ALICE, session.id(), 1)).isInstanceOfSatisfying(CatchUp.Changes.class, c -> {
            assertThat(c.fromVersion()).isEqualTo(1);
            assertThat(c.toVersion()).isEqualTo(3);
            assertThat(c.changes()).extracting(x -> x.version()).containsExactly(2L, 3L);
        });
        assertThat(fx.core.sync().since(AS_ALICE, session.id(), 3))
                .isEqualTo(new CatchUp.Changes(3, 3, List.of()));
    }

    @Test
    void fallsBackToTheFullStateWhenTheLogNoLongerReaches() {
        CoreFixture shortLog = new CoreFixture(SessionPolicy.DEFAULT.withChangeLogCapacity(2));
        Session session = shortLog.newSession();
        for (int i = 0; i < 5; i++) {
            shortLog.core.sync().apply(AS_ALICE, session.id(), shortLog.change("m" + i, i, add("/k" + i, i)));
        }
        assertThat(shortLog.core.sync().since(AS_ALICE, session.id(), 1)).isInstanceOfSatisfying(CatchUp.Reset.class,
                reset -> assertThat(reset.session().version()).isEqualTo(5));
        assertThat(shortLog.core.sync().since(AS_ALICE, session.id(), 3)).isInstanceOf(CatchUp.Changes.class);
    }

    @Test
    void tellsADeviceThatSawMoreThanTheServerHoldsThatTheServerIsBehind() {
        java.util.concurrent.atomic.AtomicInteger counted = new java.util.concurrent.atomic.AtomicInteger();
        SyncBridge core = SyncBridge.builder().metrics(new io.syncbridge.port.out.MetricsObserver() {
            @Override
            public void resumedAheadOfServer() {
                counted.incrementAndGet();
            }
        }).build();
        Session session = core.sessions().create(AS_ALICE, new io.syncbridge.port.in.SessionsUseCase.CreateSession(
                java.util.Optional.empty(), "Flow", "yoga", SessionSettings.DEFAULT));
        core.sync().apply(AS_ALICE, session.id(), fx.change("m1", 0, add("/k", 1)));

        assertThat(core.sync().since(AS_ALICE, session.id(), 50)).isInstanceOfSatisfying(CatchUp.Reset.class, reset -> {
            assertThat(reset.serverBehind()).isTrue();
            assertThat(reset.session().version()).isEqualTo(1);
        });
        assertThat(counted).hasValue(1);
        assertThat(core.sync().since(AS_ALICE, session.id(), 1)).isInstanceOf(CatchUp.Changes.class);
        assertThat(counted).hasValue(1);
    }

    @Test
    void longPollReturnsOnceAChangeArrives() throws Exception {
        Session session = fx.newSession();
        CompletableFuture<CatchUp> poll = CompletableFuture.supplyAsync(() -> {
            try {
                return fx.core.sync().await(AS_ALICE, session.id(), 0, Duration.ofSeconds(20));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        fx.core.sync().apply(AS_ALICE, session.id(), fx.change("m1", 0, add("/a", 1)));
        assertThat(poll.get(20, TimeUnit.SECONDS)).isInstanceOfSatisfying(CatchUp.Changes.class,
                c -> assertThat(c.toVersion()).isEqualTo(1));
    }

    @Test
    void watchersReceiveEveryAcceptedChangeInOrder() {
        Session session = fx.newSession();
        List<Long> versions = new CopyOnWriteArrayList<>();
        try (ChangeFeed.Subscription ignored = fx.core.sync().watch(AS_ALICE, session.id(), event -> {
            if (event instanceof DomainEvent.StateChanged changed) {
                versions.add(changed.change().version());
            }
        })) {
            for (int i = 0; i < 5; i++) {
                fx.core.sync().apply(AS_ALICE, session.id(), fx.change("m" + i, i, add("/k", i)));
            }
        }
        assertThat(versions).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void aCheckedReplaceRefusesAStaleExpectedVersion() {
        Session session = fx.newSession();
        fx.core.sync().apply(AS_ALICE, session.id(), fx.change("m1", 0, add("/a", 1)));
        JsonObject replacement = new JsonObject(Map.of("fresh", JsonValue.of(true)));
        ChangeResult stale = fx.core.sync().replace(AS_ALICE, session.id(), replacement, OptionalLong.of(0),
                new MutationId("r1"), LAPTOP);
        assertThat(stale).isInstanceOf(ChangeResult.Rejected.class);
        ChangeResult current = fx.core.sync().replace(AS_ALICE, session.id(), replacement, OptionalLong.of(1),
                new MutationId("r2"), LAPTOP);
        assertThat(current).isInstanceOfSatisfying(ChangeResult.Accepted.class,
                a -> assertThat(a.session().state().root()).isEqualTo(replacement));
    }

    @Test
    void anotherUsersSessionIsNotFound() {
        Session session = fx.newSession();
        assertThatThrownBy(() -> fx.core.sync().apply(AS_BOB, session.id(), fx.change("m1", 0, add("/a", 1))))
                .isInstanceOf(SyncError.SessionNotFound.class);
        assertThatThrownBy(() -> fx.core.sessions().get(AS_BOB, session.id()))
                .isInstanceOf(SyncError.SessionNotFound.class);
    }

    @Test
    void aSessionGrantOpensAndCreatesItsSession() {
        SessionId id = new SessionId("legacy-session-42");
        Session opened = fx.core.sessions().open(Caller.granted(ALICE, id), id);
        assertThat(opened.owner()).isEqualTo(ALICE);
        assertThat(fx.core.sessions().open(Caller.granted(ALICE, id), id).id()).isEqualTo(id);
        assertThatThrownBy(() -> fx.core.sessions().open(AS_ALICE, new SessionId("other")))
                .isInstanceOf(SyncError.SessionNotFound.class);
    }

    @Test
    void strictSessionsRejectEveryStaleChange() {
        Session session = fx.newSession(new SessionSettings(ConflictPolicy.STRICT, EvictionPolicy.REFUSE, JsonObject.EMPTY));
        fx.core.sync().apply(AS_ALICE, session.id(), fx.change("m1", 0, add("/a", 1)));
        assertThat(fx.core.sync().apply(AS_ALICE, session.id(), fx.change("m2", 0, add("/b", 1))))
                .isInstanceOf(ChangeResult.Rejected.class);
    }
}
