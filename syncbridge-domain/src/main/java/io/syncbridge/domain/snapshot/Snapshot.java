package io.syncbridge.domain.snapshot;

import io.syncbridge.domain.error.SyncError;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.state.StateDocument;
import java.time.Instant;
import java.util.Objects;

/** An immutable copy of a session's state at a version, kept until it expires. */
public record Snapshot(SnapshotId id, SessionId sessionId, long version, StateDocument state, String label,
                       String author, Instant createdAt, Instant expiresAt) {

    public static final int MAX_LABEL = 200;

    public Snapshot {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        label = label == null ? "" : label;
        author = author == null ? "" : author;
        if (label.length() > MAX_LABEL) {
            throw new SyncError.ValidationFailed("snapshot label must be at most " + MAX_LABEL + " characters");
        }
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative");
        }
    }

    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
