package io.syncbridge.application;

import io.syncbridge.domain.change.MutationId;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.error.SyncError;
import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.SessionPolicy;
import io.syncbridge.domain.snapshot.Snapshot;
import io.syncbridge.domain.snapshot.SnapshotId;
import io.syncbridge.port.in.Caller;
import io.syncbridge.port.in.ChangeResult;
import io.syncbridge.port.in.SnapshotsUseCase;
import io.syncbridge.port.in.StateSyncUseCase;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/** Application service: taking snapshots of a session's state and restoring them as new versions. */
final class SnapshotService implements SnapshotsUseCase {

    private final DrivenPorts ports;
    private final SessionPolicy policy;
    private final SessionAccess access;
    private final StateSyncUseCase sync;
    private final Announcer announcer;
    private final StorageQuota quota;

    SnapshotService(DrivenPorts ports, SessionPolicy policy, SessionAccess access, StateSyncUseCase sync,
                    StorageQuota quota) {
        this.ports = ports;
        this.policy = policy;
        this.access = access;
        this.sync = sync;
        this.announcer = new Announcer(ports);
        this.quota = quota;
    }

    @Override
    public Snapshot create(Caller caller, SessionId id, String label) {
        Session session = access.require(caller, id);
        quota.allowNewSnapshot(session);
        Instant now = ports.clock().now();
        Snapshot snapshot = new Snapshot(new SnapshotId(ports.ids().newId()), id, session.version(), session.state(),
                label, caller.user().value(), now, now.plus(policy.snapshotTtl()));
        ports.snapshots().save(snapshot);
        announcer.announce(new DomainEvent.SnapshotCreated(announcer.newEventId(), id, session.owner(), now,
                snapshot.id(), snapshot.version(), snapshot.label()));
        return snapshot;
    }

    @Override
    public SnapshotPage list(Caller caller, SessionId id, int limit, Optional<Instant> before) {
        if (limit < 1 || limit > SessionService.MAX_PAGE) {
            throw new SyncError.ValidationFailed("limit must be between 1 and " + SessionService.MAX_PAGE);
        }
        access.require(caller, id);
        return new SnapshotPage(ports.snapshots().list(id, limit, before), ports.snapshots().count(id));
    }

    @Override
    public Snapshot get(Caller caller, SessionId id, SnapshotId snapshot) {
        access.require(caller, id);
        return ports.snapshots().find(id, snapshot)
                .orElseThrow(() -> new SyncError.SnapshotNotFound(snapshot.value()));
    }

    @Override
    public ChangeResult restore(Caller caller, SessionId id, SnapshotId snapshotId, DeviceId by) {
        Snapshot snapshot = get(caller, id, snapshotId);
        ChangeResult result = sync.replace(caller, id, snapshot.state().root(), OptionalLong.empty(),
                new MutationId("restore-" + ports.ids().newId()), by);
        if (result instanceof ChangeResult.Accepted accepted) {
            announcer.announce(new DomainEvent.SnapshotRestored(announcer.newEventId(), id,
                    accepted.session().owner(), ports.clock().now(), snapshotId, snapshot.version(),
                    accepted.version()));
        }
        return result;
    }
}
