package io.syncbridge.application;

import static io.syncbridge.application.CoreFixture.AS_ALICE;
import static io.syncbridge.application.CoreFixture.PHONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncbridge.domain.device.DeviceDescription;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.device.DeviceKind;
import io.syncbridge.domain.error.SyncError;
import io.syncbridge.domain.event.DeviceLeaveReason;
import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.domain.session.Session;
import io.syncbridge.port.in.DevicesUseCase.DeviceStatus;
import io.syncbridge.port.out.ChangeFeed;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class DeviceServiceTest {

    private static final DeviceDescription PHONE_INFO = new DeviceDescription(DeviceKind.IOS, "Alice's phone",
            "SyncApp/1.0", Set.of("haptics"));

    private final CoreFixture fx = new CoreFixture();

    private void connect(Session session, String device, String connection) {
        fx.core.devices().connect(AS_ALICE, session.id(), new DeviceId(device), DeviceDescription.UNKNOWN, connection);
    }

    @Test
    void rejectsSixthDeviceWithTheListOfFive() {
        Session session = fx.newSession();
        for (int i = 1; i <= 5; i++) {
            connect(session, "d" + i, "c" + i);
        }
        assertThatThrownBy(() -> connect(session, "d6", "c6"))
                .isInstanceOfSatisfying(SyncError.DeviceLimitReached.class,
                        e -> assertThat(e.devices()).hasSize(5));
        assertThat(fx.core.devices().list(AS_ALICE, session.id())).hasSize(5);
    }

    @Test
    void severalConnectionsOfOneDeviceCountOnceAndKeepItOnline() {
        Session session = fx.newSession();
        connect(session, "phone", "c1");
        connect(session, "phone", "c2");
        fx.core.devices().disconnect(session.id(), PHONE, "c1");
        assertThat(fx.core.devices().list(AS_ALICE, session.id())).singleElement()
                .satisfies(d -> assertThat(d.online()).isTrue());
        fx.core.devices().disconnect(session.id(), PHONE, "c2");
        assertThat(fx.core.devices().list(AS_ALICE, session.id())).singleElement()
                .satisfies(d -> assertThat(d.online()).isFalse());
    }

    @Test
    void listsDevicesInJoinOrderWithTheActiveOneMarked() {
        Session session = fx.newSession();
        fx.core.devices().connect(AS_ALICE, session.id(), PHONE, PHONE_INFO, "c1");
        connect(session, "laptop", "c2");
        List<DeviceStatus> devices = fx.core.devices().list(AS_ALICE, session.id());
        assertThat(devices).extracting(d -> d.device().id().value()).containsExactly("phone", "laptop");
        assertThat(devices.get(0).active()).isTrue();
        assertThat(devices.get(0).device().description()).isEqualTo(PHONE_INFO);
        assertThat(devices.get(1).active()).isFalse();
    }

    @Test
    void removingADeviceTellsItsConnections() {
        Session session = fx.newSession();
        connect(session, "phone", "c1");
        List<DomainEvent> seen = new CopyOnWriteArrayList<>();
        try (ChangeFeed.Subscription ignored = fx.core.sync().watch(AS_ALICE, session.id(), seen::add)) {
            fx.core.devices().remove(AS_ALICE, session.id(), PHONE);
        }
        assertThat(seen).singleElement().isInstanceOfSatisfying(DomainEvent.DeviceLeft.class,
                left -> assertThat(left.reason()).isEqualTo(DeviceLeaveReason.REMOVED));
        assertThat(fx.core.devices().list(AS_ALICE, session.id())).isEmpty();
    }
}
