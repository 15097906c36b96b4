package io.syncbridge.domain.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncbridge.domain.error.SyncError;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeviceRosterTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private static DeviceRoster fiveDevices() {
        DeviceRoster roster = DeviceRoster.EMPTY;
        for (int i = 1; i <= 5; i++) {
            roster = roster.admit(new DeviceId("d" + i), DeviceDescription.UNKNOWN, 5, EvictionPolicy.REFUSE,
                    T0.plusSeconds(i)).roster();
        }
        return roster;
    }

    @Test
    void rejectsSixthDeviceListingTheFive() {
        DeviceRoster roster = fiveDevices();
        assertThatThrownBy(() -> roster.admit(new DeviceId("d6"), DeviceDescription.UNKNOWN, 5, EvictionPolicy.REFUSE, T0))
                .isInstanceOfSatisfying(SyncError.DeviceLimitReached.class, e -> assertThat(e.devices())
                        .extracting(d -> d.id().value()).containsExactly("d1", "d2", "d3", "d4", "d5"));
    }

    @Test
    void aKnownDeviceReconnectingNeverCountsAgainstTheLimit() {
        Admission again = fiveDevices().admit(new DeviceId("d3"), DeviceDescription.UNKNOWN, 5, EvictionPolicy.REFUSE, T0);
        assertThat(again.newcomer()).isFalse();
        assertThat(again.roster().size()).isEqualTo(5);
    }

    @Test
    void evictsTheDeviceOfflineLongestWhenThePolicySaysSo() {
        DeviceRoster roster = fiveDevices()
                .disconnect(new DeviceId("d4"), T0.plusSeconds(100))
                .disconnect(new DeviceId("d2"), T0.plusSeconds(50));
        Admission admission = roster.admit(new DeviceId("d6"), DeviceDescription.UNKNOWN, 5,
                EvictionPolicy.EVICT_LONGEST_OFFLINE, T0.plusSeconds(200));
        assertThat(admission.evicted()).map(d -> d.id().value()).contains("d2");
        assertThat(admission.roster().devices()).extracting(d -> d.id().value())
                .containsExactly("d1", "d3", "d4", "d5", "d6");
    }

    @Test
    void evictionStillRefusesWhenEveryDeviceIsOnline() {
        assertThatThrownBy(() -> fiveDevices().admit(new DeviceId("d6"), DeviceDescription.UNKNOWN, 5,
                EvictionPolicy.EVICT_LONGEST_OFFLINE, T0)).isInstanceOf(SyncError.DeviceLimitReached.class);
    }
}
