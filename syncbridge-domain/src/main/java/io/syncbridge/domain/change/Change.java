package io.syncbridge.domain.change;

import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.error.SyncError;
import io.syncbridge.domain.state.PatchOperation;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** The operations one device sends as a unit, with the version they were based on. */
public record Change(MutationId mutationId, long baseVersion, List<PatchOperation> operations, DeviceId deviceId,
                     Instant timestamp) {

    /** More operations than any real client sends in one change; a guard against abuse. */
    public static final int MAX_OPERATIONS = 1_000;

    public Change {
        Objects.requireNonNull(mutationId, "mutationId");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(timestamp, "timestamp");
        operations = List.copyOf(Objects.requireNonNull(operations, "operations"));
        if (baseVersion < 0) {
            throw new SyncError.ValidationFailed("base version must not be negative");
        }
        if (operations.isEmpty()) {
            throw new SyncError.ValidationFailed("a change needs at least one operation");
        }
        if (operations.size() > MAX_OPERATIONS) {
            throw new SyncError.ValidationFailed("a change may hold at most " + MAX_OPERATIONS + " operations");
        }
    }
}
