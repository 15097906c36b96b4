package io.syncbridge.domain.snapshot;

import io.syncbridge.domain.Identifiers;

/** The id of a snapshot. */
public record SnapshotId(String value) {
    public SnapshotId {
        Identifiers.require("snapshot id", value);
    }

    @Override
    public String toString() {
        return value;
    }
}
