package io.syncbridge.port.out;

import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.snapshot.Snapshot;
import io.syncbridge.domain.snapshot.SnapshotId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Driven port: snapshots of session state, each gone once it expires. */
public interface SnapshotStore {

    void save(Snapshot snapshot);

    /** The snapshot, unless unknown or expired. */
    Optional<Snapshot> find(SessionId session, SnapshotId id);

    /** Unexpired snapshots, newest first, created strictly before {@code before} when given. */
    List<Snapshot> list(SessionId session, int limit, Optional<Instant> before);

    /** How many unexpired snapshots the session has. */
    int count(SessionId session);

    void deleteAll(SessionId session);
}
