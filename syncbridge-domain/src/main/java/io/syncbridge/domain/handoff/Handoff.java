package io.syncbridge.domain.handoff;

import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.session.SessionId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A completed move of the active role from one device of a session to another ({@code fromDevice} is null when none was active). */
public record Handoff(HandoffId id, SessionId sessionId, DeviceId fromDevice, DeviceId toDevice, long version,
                      Instant startedAt, Instant completedAt) {

    public Handoff {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(toDevice, "toDevice");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(completedAt, "completedAt");
    }

    public Duration latency() {
        return Duration.between(startedAt, completedAt);
    }
}
