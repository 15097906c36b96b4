package io.syncbridge.domain.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncbridge.domain.change.AppliedChange;
import io.syncbridge.domain.change.Change;
import io.syncbridge.domain.change.ChangeOutcome;
import io.syncbridge.domain.change.MutationId;
import io.syncbridge.domain.conflict.ConflictPolicy;
import io.syncbridge.domain.conflict.ConflictResolver;
import io.syncbridge.domain.device.DeviceDescription;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.device.EvictionPolicy;
import io.syncbridge.domain.error.SyncError;
import io.syncbridge.domain.handoff.HandoffId;
import io.syncbridge.domain.state.JsonObject;
import io.syncbridge.domain.state.JsonPointer;
import io.syncbridge.domain.state.JsonValue;
import io.syncbridge.domain.state.PatchOperation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final SessionPolicy POLICY = SessionPolicy.DEFAULT;
    private static final DeviceId PHONE = new DeviceId("phone");
    private static final DeviceId LAPTOP = new DeviceId("laptop");

    private final List<AppliedChange> log = new ArrayList<>();

    private static Session newSession(ConflictPolicy policy) {
        return Session.create(new SessionId("s-1"), new UserId("alice"), "Flow", "yoga",
                new SessionSettings(policy, EvictionPolicy.REFUSE, JsonObject.EMPTY), POLICY, T0);
    }

    private Session apply(Session session, long base, PatchOperation... ops) {
        Change change = new Change(new MutationId("m" + log.size()), base, List.of(ops), PHONE, T0);
        AcceptedChange accepted = session.accept(change, Optional.of(List.copyOf(log.subList((int) Math.min(base, log.size()), log.size()))),
                ConflictResolver.forPolicy(session.settings().conflictPolicy()), POLICY, T0.plusSeconds(1));
        log.add(accepted.applied());
        return accepted.session();
    }

    private static PatchOperation add(String path, long value) {
        return new PatchOperation.Add(JsonPointer.parse(path), JsonValue.of(value));
    }

    @Test
    void startsEmptyAtVersionZeroAndExpiresAfterTheTtl() {
        Session session = newSession(ConflictPolicy.MERGE);
        assertThat(session.version()).isZero();
        assertThat(session.state().isEmpty()).isTrue();
        assertThat(session.expiresAt()).isEqualTo(T0.plus(Duration.ofDays(7)));
        assertThat(session.isExpired(T0.plus(Duration.ofDays(7)))).isTrue();
        assertThat(session.isExpired(T0.plus(Duration.ofDays(7)).minusMillis(1))).isFalse();
    }

    @Test
    void everyAcceptedChangeAddsOneToTheVersionAndExtendsExpiry() {
        Session session = apply(newSession(ConflictPolicy.MERGE), 0, add("/a", 1));
        session = apply(session, 1, add("/b", 2));
        assertThat(session.version()).isEqualTo(2);
        assertThat(session.state().root()).isEqualTo(new JsonObject(Map.of("a", JsonValue.of(1), "b", JsonValue.of(2))));
        assertThat(session.expiresAt()).isEqualTo(T0.plusSeconds(1).plus(Duration.ofDays(7)));
        assertThat(session.lastModifiedBy()).contains(PHONE);
    }

    @Test
    void rebasesNonOverlappingStaleChangeUnderMerge() {
        Session session = apply(newSession(ConflictPolicy.MERGE), 0, add("/a", 1));
        Change stale = new Change(new MutationId("late"), 0, List.of(add("/b", 2)), LAPTOP, T0);
        AcceptedChange accepted = session.accept(stale, Optional.of(List.copyOf(log)),
                ConflictResolver.forPolicy(ConflictPolicy.MERGE), POLICY, T0);
        assertThat(accepted.outcome()).isEqualTo(ChangeOutcome.REBASED);
        assertThat(accepted.applied().version()).isEqualTo(2);
        assertThat(accepted.session().state().valueAt(JsonPointer.parse("/a"))).contains(JsonValue.of(1));
    }

    @Test
    void rejectsOverlappingStaleChangeUnderMergeNamingPathAndCurrentValue() {
        Session session = apply(newSession(ConflictPolicy.MERGE), 0,
                new PatchOperation.Add(JsonPointer.parse("/player"), new JsonObject(Map.of("pos", JsonValue.of(5)))));
        Change stale = new Change(new MutationId("late"), 0, List.of(add("/player/pos", 9)), LAPTOP, T0);
        assertThatThrownBy(() -> session.accept(stale, Optional.of(List.copyOf(log)),
                ConflictResolver.forPolicy(ConflictPolicy.MERGE), POLICY, T0))
                .isInstanceOfSatisfying(SyncError.VersionConflict.class, conflict -> {
                    assertThat(conflict.currentVersion()).isEqualTo(1);
                    assertThat(conflict.conflicts()).singleElement().satisfies(c -> {
                        assertThat(c.path()).isEqualTo(JsonPointer.parse("/player/pos"));
                        assertThat(c.currentValue()).contains(JsonValue.of(5));
                    });
                });
    }

    @Test
    void mergeFallsBackToStrictWhenTheLogNoLongerReaches() {
        Session session = apply(newSession(ConflictPolicy.MERGE), 0, add("/a", 1));
        Change stale = new Change(new MutationId("late"), 0, List.of(add("/b", 2)), LAPTOP, T0);
        assertThatThrownBy(() -> session.accept(stale, Optional.empty(),
                ConflictResolver.forPolicy(ConflictPolicy.MERGE), POLICY, T0))
                .isInstanceOf(SyncError.VersionConflict.class);
    }

    @Test
    void strictRejectsAnyStaleChange() {
        Session session = apply(newSession(ConflictPolicy.STRICT), 0, add("/a", 1));
        Change stale = new Change(new MutationId("late"), 0, List.of(add("/b", 2)), LAPTOP, T0);
        assertThatThrownBy(() -> session.accept(stale, Optional.of(List.copyOf(log)),
                ConflictResolver.forPolicy(ConflictPolicy.STRICT), POLICY, T0))
                .isInstanceOfSatisfying(SyncError.VersionConflict.class,
                        c -> assertThat(c.conflicts()).isEmpty());
    }

    @Test
    void lastWriterWinsAppliesStaleChangesInArrivalOrder() {
        Session session = apply(newSession(ConflictPolicy.LAST_WRITER_WINS), 0, add("/a", 1));
        Change stale = new Change(new MutationId("late"), 0, List.of(add("/a", 2)), LAPTOP, T0);
        AcceptedChange accepted = session.accept(stale, Optional.of(List.copyOf(log)),
                ConflictResolver.forPolicy(ConflictPolicy.LAST_WRITER_WINS), POLICY, T0);
        assertThat(accepted.session().state().valueAt(JsonPointer.parse("/a"))).contains(JsonValue.of(2));
    }

    @Test
    void refusesABaseVersionFromTheFuture() {
        Session session = newSession(ConflictPolicy.MERGE);
        Change ahead = new Change(new MutationId("x"), 3, List.of(add("/a", 1)), PHONE, T0);
        assertThatThrownBy(() -> session.accept(ahead, Optional.of(List.of()),
                ConflictResolver.forPolicy(ConflictPolicy.MERGE), POLICY, T0))
                .isInstanceOf(SyncError.VersionConflict.class);
    }

    @Test
    void aFailingChangeLeavesTheSessionAsItWas() {
        Session session = newSession(ConflictPolicy.MERGE);
        Change bad = new Change(new MutationId("x"), 0, List.of(add("/a", 1),
                new PatchOperation.Remove(JsonPointer.parse("/missing"))), PHONE, T0);
        assertThatThrownBy(() -> session.accept(bad, Optional.of(List.of()),
                ConflictResolver.forPolicy(ConflictPolicy.MERGE), POLICY, T0))
                .isInstanceOf(SyncError.InvalidState.class);
        assertThat(session.version()).isZero();
        assertThat(session.state().isEmpty()).isTrue();
    }

    @Test
    void refusesChangesToACompletedOrExpiredSession() {
        Session completed = newSession(ConflictPolicy.MERGE).update(Optional.empty(), Optional.empty(),
                Optional.of(SessionStatus.COMPLETED), Optional.empty(), POLICY, T0);
        assertThat(completed.completedAt()).contains(T0);
        Change change = new Change(new MutationId("x"), 0, List.of(add("/a", 1)), PHONE, T0);
        assertThatThrownBy(() -> completed.accept(change, Optional.of(List.of()),
                ConflictResolver.forPolicy(ConflictPolicy.MERGE), POLICY, T0))
                .isInstanceOf(SyncError.InvalidState.class);
        Session session = newSession(ConflictPolicy.MERGE);
        assertThatThrownBy(() -> session.accept(change, Optional.of(List.of()),
                ConflictResolver.forPolicy(ConflictPolicy.MERGE), POLICY, T0.plus(Duration.ofDays(8))))
                .isInstanceOf(SyncError.SessionExpired.class);
    }

    @Test
    void firstDeviceBecomesActiveAndHandoffMovesIt() {
        Session session = newSession(ConflictPolicy.MERGE)
                .admit(PHONE, DeviceDescription.UNKNOWN, POLICY, T0).session()
                .admit(LAPTOP, DeviceDescription.UNKNOWN, POLICY, T0).session();
        assertThat(session.activeDevice()).contains(PHONE);
        Session.HandedOff handedOff = session.handOff(new HandoffId("h1"), LAPTOP, T0, POLICY, T0.plusMillis(7));
        assertThat(handedOff.session().activeDevice()).contains(LAPTOP);
        assertThat(handedOff.handoff().fromDevice()).isEqualTo(PHONE);
        assertThat(handedOff.handoff().latency()).isEqualTo(Duration.ofMillis(7));
        assertThat(handedOff.session().revision()).isGreaterThan(session.revision());
    }

    @Test
    void refusesHandoffToADeviceOutsideTheSession() {
        Session session = newSession(ConflictPolicy.MERGE).admit(PHONE, DeviceDescription.UNKNOWN, POLICY, T0).session();
        assertThatThrownBy(() -> session.handOff(new HandoffId("h1"), LAPTOP, T0, POLICY, T0))
                .isInstanceOf(SyncError.DeviceNotFound.class);
    }

    @Test
    void removingTheActiveDeviceLeavesNoneActive() {
        Session session = newSession(ConflictPolicy.MERGE).admit(PHONE, DeviceDescription.UNKNOWN, POLICY, T0).session();
        Session removed = session.removeDevice(PHONE, POLICY, T0);
        assertThat(removed.activeDevice()).isEmpty();
        assertThat(removed.devices().size()).isZero();
        assertThatThrownBy(() -> removed.removeDevice(PHONE, POLICY, T0)).isInstanceOf(SyncError.DeviceNotFound.class);
    }
}
