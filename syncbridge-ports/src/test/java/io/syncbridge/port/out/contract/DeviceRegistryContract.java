package io.syncbridge.port.out.contract;

import static io.syncbridge.port.out.contract.Fixtures.device;
import static io.syncbridge.port.out.contract.Fixtures.deviceId;
import static io.syncbridge.port.out.contract.Fixtures.offlineDevice;
import static io.syncbridge.port.out.contract.Fixtures.sessionId;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.domain.device.Device;
import io.syncbridge.domain.device.DeviceDescription;
import io.syncbridge.domain.device.DeviceKind;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.port.out.DeviceRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@link DeviceRegistry}. Every device registry adapter subclasses it.
 *
 * <p>What the contract decides where the port's Javadoc leaves room: {@code list} returns the
 * devices as last recorded (every field), in the order of their first {@code record}; recording a
 * known device again updates it in place; a device removed and recorded again counts as new
 * (it goes last). The suite records devices in the order of their connection times.
 *
 * <p>{@link #create} is called before each test and must give a registry over empty data.
 */
public abstract class DeviceRegistryContract {

    protected final MutableClock clock = new MutableClock();
    private DeviceRegistry registry;

    /** A registry over empty data. */
    protected abstract DeviceRegistry create(MutableClock clock);

    /** Called after each test: release or empty what {@link #create} made. */
    protected void cleanUp() throws Exception {
    }

    @BeforeEach
    final void createRegistry() {
        registry = create(clock);
    }

    @AfterEach
    final void cleanUpRegistry() throws Exception {
        cleanUp();
    }

    protected final DeviceRegistry registry() {
        return registry;
    }

    @Test
    void recordedDevicesListWholeInOrderOfJoining() {
        SessionId session = sessionId();
        Device phone = device(deviceId(), DeviceKind.IOS, clock.now());
        Device laptop = offlineDevice(deviceId(), clock.advance(Duration.ofSeconds(1)), clock.now().plusSeconds(30));
        Device tablet = device(deviceId(), DeviceKind.ANDROID, clock.advance(Duration.ofSeconds(1)));

        registry.record(session, phone);
        registry.record(session, laptop);
        registry.record(session, tablet);

        assertThat(registry.list(session)).containsExactly(phone, laptop, tablet);
    }

    @Test
    void deviceWithEmptyDescriptionListsWhole() {
        SessionId session = sessionId();
        Device bare = new Device(deviceId(), DeviceDescription.UNKNOWN, clock.now(), clock.now(), false);

        registry.record(session, bare);

        assertThat(registry.list(session)).containsExactly(bare);
    }

    @Test
    void recordingKnownDeviceUpdatesItInPlace() {
        SessionId session = sessionId();
        Device phone = device(deviceId(), DeviceKind.IOS, clock.now());
        Device laptop = device(deviceId(), DeviceKind.DESKTOP, clock.advance(Duration.ofSeconds(1)));
        registry.record(session, phone);
        registry.record(session, laptop);
        Device phoneLater = new Device(phone.id(),
                new DeviceDescription(DeviceKind.IOS, "Renamed phone", "App/2.0", Set.of("handoff")),
                clock.advance(Duration.ofMinutes(5)), clock.now().plusSeconds(10), false);

        registry.record(session, phoneLater);

        assertThat(registry.list(session)).containsExactly(phoneLater, laptop);
    }

    @Test
    void removedDeviceIsGoneAndComesBackLast() {
        SessionId session = sessionId();
        Device phone = device(deviceId(), DeviceKind.IOS, clock.now());
        Device laptop = device(deviceId(), DeviceKind.DESKTOP, clock.advance(Duration.ofSeconds(1)));
        registry.record(session, phone);
        registry.record(session, laptop);

        registry.remove(session, phone.id());
        assertThat(registry.list(session)).containsExactly(laptop);

        Device phoneAgain = device(phone.id(), DeviceKind.IOS, clock.advance(Duration.ofSeconds(1)));
        registry.record(session, phoneAgain);
        assertThat(registry.list(session)).containsExactly(laptop, phoneAgain);
    }

    @Test
    void removingUnknownDeviceChangesNothing() {
        SessionId session = sessionId();
        Device phone = device(deviceId(), DeviceKind.IOS, clock.now());
        registry.record(session, phone);

        registry.remove(session, deviceId());
        registry.remove(sessionId(), phone.id());

        assertThat(registry.list(session)).containsExactly(phone);
    }

    @Test
    void sessionsKeepSeparateDevices() {
        SessionId one = sessionId();
        SessionId other = sessionId();
        Device shared = device(deviceId(), DeviceKind.WEB, clock.now());
        Device onlyOther = device(deviceId(), DeviceKind.WEB, clock.advance(Duration.ofSeconds(1)));
        registry.record(one, shared);
        registry.record(other, onlyOther);
        registry.record(other, shared);

        registry.remove(other, shared.id());

        assertThat(registry.list(one)).containsExactly(shared);
        assertThat(registry.list(other)).containsExactly(onlyOther);
    }

    @Test
    void removeAllEmptiesOnlyThatSession() {
        SessionId session = sessionId();
        SessionId other = sessionId();
        Device kept = device(deviceId(), DeviceKind.WEB, clock.now());
        registry.record(session, device(deviceId(), DeviceKind.IOS, clock.now()));
        registry.record(session, device(deviceId(), DeviceKind.ANDROID, clock.now()));
        registry.record(other, kept);

        registry.removeAll(session);

        assertThat(registry.list(session)).isEmpty();
        assertThat(registry.list(other)).containsExactly(kept);
    }

    @Test
    void unknownSessionHasNoDevices() {
        assertThat(registry.list(sessionId())).isEqualTo(List.of());
    }
}
