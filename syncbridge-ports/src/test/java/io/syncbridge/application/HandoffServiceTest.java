package io.syncbridge.application;

import static io.syncbridge.application.CoreFixture.AS_ALICE;
import static io.syncbridge.application.CoreFixture.LAPTOP;
import static io.syncbridge.application.CoreFixture.PHONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncbridge.domain.device.DeviceDescription;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.error.SyncError;
import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.domain.handoff.HandoffToken;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.Session.HandedOff;
import io.syncbridge.port.out.ChangeFeed;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class HandoffServiceTest {

    private final CoreFixture fx = new CoreFixture();

    private void connect(Session session, String device, String connection) {
        fx.core.devices().connect(AS_ALICE, session.id(), new DeviceId(device), DeviceDescription.UNKNOWN, connection);
    }

    @Test
    void handsOffToAnotherDeviceAndTellsTheSession() {
        Session session = fx.newSession();
        connect(session, "phone", "c1");
        connect(session, "laptop", "c2");
        List<DomainEvent> seen = new CopyOnWriteArrayList<>();
        try (ChangeFeed.Subscription ignored = fx.core.sync().watch(AS_ALICE, session.id(), seen::add)) {
            HandedOff done = fx.core.handoffs().handOff(AS_ALICE, session.id(), LAPTOP);
            assertThat(done.handoff().fromDevice()).isEqualTo(PHONE);
            assertThat(done.session().activeDevice()).contains(LAPTOP);
        }
        assertThat(seen).filteredOn(e -> e instanceof DomainEvent.HandoffCompleted).hasSize(1);
    }

    @Test
    void aHandoffTokenWorksOnceForAnotherDevice() {
        Session session = fx.newSession();
        connect(session, "phone", "c1");
        HandoffToken token = fx.core.handoffs().issueToken(AS_ALICE, session.id(), PHONE, Duration.ofMinutes(5));
        HandedOff claimed = fx.core.handoffs().claim(token.token(), LAPTOP, DeviceDescription.UNKNOWN);
        assertThat(claimed.session().activeDevice()).contains(LAPTOP);
        assertThat(claimed.session().devices().contains(LAPTOP)).isTrue();
        assertThatThrownBy(() -> fx.core.handoffs().claim(token.token(), new DeviceId("tablet"), DeviceDescription.UNKNOWN))
                .isInstanceOf(SyncError.HandoffTokenInvalid.class);
    }

    @Test
    void anExpiredHandoffTokenIsRefused() {
        Session session = fx.newSession();
        connect(session, "phone", "c1");
        HandoffToken token = fx.core.handoffs().issueToken(AS_ALICE, session.id(), PHONE, Duration.ofSeconds(30));
        fx.advance(Duration.ofSeconds(31));
        assertThatThrownBy(() -> fx.core.handoffs().claim(token.token(), LAPTOP, DeviceDescription.UNKNOWN))
                .isInstanceOf(SyncError.HandoffTokenInvalid.class);
    }

    @Test
    void aClaimRefusedForTheDeviceLimitLeavesTheTokenUsable() {
        Session session = fx.newSession();
        for (int i = 1; i <= 5; i++) {
            connect(session, "d" + i, "c" + i);
        }
        HandoffToken token = fx.core.handoffs().issueToken(AS_ALICE, session.id(), new DeviceId("d1"), Duration.ofMinutes(5));
        assertThatThrownBy(() -> fx.core.handoffs().claim(token.token(), LAPTOP, DeviceDescription.UNKNOWN))
                .isInstanceOf(SyncError.DeviceLimitReached.class);
        HandedOff claimed = fx.core.handoffs().claim(token.token(), new DeviceId("d3"), DeviceDescription.UNKNOWN);
        assertThat(claimed.session().activeDevice()).contains(new DeviceId("d3"));
    }
}
