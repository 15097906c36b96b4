package io.syncbridge.client;

import io.syncbridge.domain.state.PatchOperation;
import java.util.List;
import java.util.Objects;

/**
 * A change made on this device that the server has not acknowledged yet: its mutation id (kept
 * across retries and restarts, so that the server applies it once), the server version it was
 * last reconciled with, and its operations.
 */
public record PendingChange(String mutationId, long baseVersion, List<PatchOperation> operations) {
    public PendingChange {
        Objects.requireNonNull(mutationId, "mutationId");
        operations = List.copyOf(operations);
    }

    PendingChange rebasedOn(long version) {
        return new PendingChange(mutationId, version, operations);
    }

    PendingChange withOperations(List<PatchOperation> replaced, long version) {
        return new PendingChange(mutationId, version, replaced);
    }
}
