package io.syncbridge.domain.device;

import java.util.Optional;

/** The result of a device joining a session: the new roster, the device, and whom it evicted. */
public record Admission(DeviceRoster roster, Device device, boolean newcomer, Optional<Device> evicted) {
}
