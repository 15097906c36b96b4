package io.syncbridge.application;

import static io.syncbridge.application.CoreFixture.AS_ALICE;
import static io.syncbridge.application.CoreFixture.LAPTOP;
import static io.syncbridge.application.CoreFixture.PHONE;
import static io.syncbridge.application.CoreFixture.add;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.syncbridge.domain.device.DeviceDescription;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.error.SyncError;
import io.syncbridge.domain.event.DeviceLeaveReason;
import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.snapshot.Snapshot;
import io.syncbridge.domain.snapshot.SnapshotId;
import io.syncbridge.domain.state.JsonValue;
import io.syncbridge.port.in.ChangeResult;
import io.syncbridge.port.out.ChangeFeed;
import io.syncbridge.port.out.OperatorAudit.ActionKind;
import io.syncbridge.port.out.OperatorAudit.OperatorAction;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class OperatorActionsServiceTest {

    private final CoreFixture fx = new CoreFixture();

    @Test
    void removesADeviceAsTheOwnerWouldTellingItsConnectionsAndRecordsIt() {
        Session session = fx.newSession();
        fx.core.devices().connect(AS_ALICE, session.id(), PHONE, DeviceDescription.UNKNOWN, "c1");
        List<DomainEvent> seen = new CopyOnWriteArrayList<>();
        try (ChangeFeed.Subscription ignored = fx.core.monitoring().watch(session.id(), seen::add)) {
            fx.core.operatorActions().removeDevice("ops", session.id(), PHONE);
        }

        assertThat(fx.core.monitoring().session(session.id()).orElseThrow().devices().contains(PHONE)).isFalse();
        assertThat(seen).filteredOn(DomainEvent.DeviceLeft.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((DomainEvent.DeviceLeft) e).reason()).isEqualTo(DeviceLeaveReason.REMOVED));
        OperatorAction recorded = fx.core.operatorActions().recentActions(10).get(0);
        assertThat(recorded).isEqualTo(new OperatorAction("ops", ActionKind.REMOVE_DEVICE, session.id(), "phone",
                fx.now.get(), "removed"));
    }

    @Test
    void endsASessionByDeletingIt() {
        Session session = fx.newSession();

        fx.core.operatorActions().endSession("ops", session.id());

        assertThat(fx.core.monitoring().session(session.id())).isEmpty();
        assertThat(fx.core.operatorActions().recentActions(10)).extracting(OperatorAction::kind)
                .containsExactly(ActionKind.END_SESSION);
        assertThat(fx.core.monitoring().detail(session.id())).isEmpty();
    }

    @Test
    void restoresASnapshotAsANewVersionWrittenByTheConsole() {
        Session session = fx.newSession();
        fx.core.sync().apply(AS_ALICE, session.id(), fx.change("m1", 0, add("/a", 1)));
        Snapshot snapshot = fx.core.snapshots().create(AS_ALICE, session.id(), "a is 1");
        fx.core.sync().apply(AS_ALICE, session.id(), fx.change("m2", 1, add("/a", 2)));

        ChangeResult result = fx.core.operatorActions().restoreSnapshot("ops", session.id(), snapshot.id());

        assertThat(result).isInstanceOfSatisfying(ChangeResult.Accepted.class, accepted -> {
            assertThat(accepted.version()).isEqualTo(3);
            assertThat(accepted.change().deviceId()).isEqualTo(new DeviceId("operator-console"));
        });
        Session after = fx.core.monitoring().session(session.id()).orElseThrow();
        assertThat(after.state().root().members().get("a")).isEqualTo(JsonValue.of(1L));
        assertThat(fx.core.monitoring().detail(session.id()).orElseThrow().operatorActions())
                .extracting(OperatorAction::subject, OperatorAction::outcome)
                .containsExactly(tuple(snapshot.id().value(), "restored as v3"));
    }

    @Test
    void refusedActionsChangeNothingAndAreNotRecorded() {
        Session session = fx.newSession();
        fx.core.devices().connect(AS_ALICE, session.id(), PHONE, DeviceDescription.UNKNOWN, "c1");

        assertThatThrownBy(() -> fx.core.operatorActions().removeDevice("ops", session.id(), LAPTOP))
                .isInstanceOf(SyncError.class);
        assertThatThrownBy(() -> fx.core.operatorActions().endSession("ops", new SessionId("alice/missing")))
                .isInstanceOf(SyncError.SessionNotFound.class);
        assertThatThrownBy(() -> fx.core.operatorActions().restoreSnapshot("ops", session.id(), new SnapshotId("nope")))
                .isInstanceOf(SyncError.class);
        assertThatThrownBy(() -> fx.core.operatorActions().removeDevice(" ", session.id(), PHONE))
                .isInstanceOf(IllegalArgumentException.class);

        Session after = fx.core.monitoring().session(session.id()).orElseThrow();
        assertThat(after.devices().contains(PHONE)).isTrue();
        assertThat(after.version()).isEqualTo(session.version());
        assertThat(fx.core.operatorActions().recentActions(10)).isEmpty();
    }
}
