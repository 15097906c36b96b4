package io.syncbridge.domain.change;

import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.state.PatchOperation;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** An accepted change as the change log keeps it: the version it produced and what it did. */
public record AppliedChange(long version, MutationId mutationId, DeviceId deviceId, List<PatchOperation> operations,
                            Instant appliedAt) {
    public AppliedChange {
        Objects.requireNonNull(mutationId, "mutationId");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(appliedAt, "appliedAt");
        operations = List.copyOf(operations);
        if (version < 1) {
            throw new IllegalArgumentException("an applied change has version 1 or more");
        }
    }
}
