package io.syncbridge.domain.device;

import java.time.Instant;
import java.util.Objects;

/** A device attached to a session: who it is, and when it was last connected or seen. */
public record Device(DeviceId id, DeviceDescription description, Instant connectedAt, Instant lastSeen, boolean online) {

    public Device {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(connectedAt, "connectedAt");
        Objects.requireNonNull(lastSeen, "lastSeen");
    }

    public static Device connecting(DeviceId id, DeviceDescription description, Instant now) {
        return new Device(id, description, now, now, true);
    }

    Device reconnected(DeviceDescription newDescription, Instant now) {
        return new Device(id, newDescription, now, now, true);
    }

    Device disconnected(Instant now) {
        return new Device(id, description, connectedAt, now, false);
    }

    Device seen(Instant now) {
        return new Device(id, description, connectedAt, now, online);
    }
}
