package io.syncbridge.port.in;

import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.snapshot.Snapshot;
import io.syncbridge.domain.snapshot.SnapshotId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Driving port: snapshots of a session's state, and restoring one. */
public interface SnapshotsUseCase {

    Snapshot create(Caller caller, SessionId session, String label);

    SnapshotPage list(Caller caller, SessionId session, int limit, Optional<Instant> before);

    Snapshot get(Caller caller, SessionId session, SnapshotId snapshot);

    /** Restores the snapshot's state as a new change (a new version); devices receive it as usual. */
    ChangeResult restore(Caller caller, SessionId session, SnapshotId snapshot, DeviceId by);

    record SnapshotPage(List<Snapshot> snapshots, int total) {
        public SnapshotPage {
            snapshots = List.copyOf(snapshots);
        }
    }
}
