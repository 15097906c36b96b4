package io.syncbridge.application;

import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.error.SyncError;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.snapshot.SnapshotId;
import io.syncbridge.port.in.Caller;
import io.syncbridge.port.in.ChangeResult;
import io.syncbridge.port.in.DevicesUseCase;
import io.syncbridge.port.in.OperatorActionsUseCase;
import io.syncbridge.port.in.SessionsUseCase;
import io.syncbridge.port.in.SnapshotsUseCase;
import io.syncbridge.port.out.OperatorAudit.ActionKind;
import io.syncbridge.port.out.OperatorAudit.OperatorAction;
import java.util.List;
import java.util.Objects;

/**
 * Application service: an operator's actions on any owner's session, each done as the session's
 * owner through the same use case a user would call (so the devices are told and the events go out
 * as usual), then recorded in the operator audit. A refused action is not recorded.
 */
final class OperatorActionsService implements OperatorActionsUseCase {

    private final DrivenPorts ports;
    private final SessionsUseCase sessions;
    private final DevicesUseCase devices;
    private final SnapshotsUseCase snapshots;

    OperatorActionsService(DrivenPorts ports, SessionsUseCase sessions, DevicesUseCase devices,
                           SnapshotsUseCase snapshots) {
        this.ports = Objects.requireNonNull(ports, "ports");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.devices = Objects.requireNonNull(devices, "devices");
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
    }

    @Override
    public void removeDevice(String operator, SessionId session, DeviceId device) {
        Objects.requireNonNull(device, "device");
        Caller owner = owner(operator, session);
        devices.remove(owner, session, device);
        record(operator, ActionKind.REMOVE_DEVICE, session, device.value(), "removed");
    }

    @Override
    public void endSession(String operator, SessionId session) {
        Caller owner = owner(operator, session);
        sessions.delete(owner, session);
        record(operator, ActionKind.END_SESSION, session, "", "deleted");
    }

    @Override
    public ChangeResult restoreSnapshot(String operator, SessionId session, SnapshotId snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        Caller owner = owner(operator, session);
        ChangeResult result = snapshots.restore(owner, session, snapshot, OPERATOR_DEVICE);
        String outcome = switch (result) {
            case ChangeResult.Accepted accepted -> "restored as v" + accepted.version();
            case ChangeResult.Duplicate duplicate -> "already restored as v" + duplicate.version();
            case ChangeResult.Rejected rejected -> throw rejected.error();
        };
        record(operator, ActionKind.RESTORE_SNAPSHOT, session, snapshot.value(), outcome);
        return result;
    }

    @Override
    public List<OperatorAction> recentActions(int limit) {
        return ports.operatorAudit().recent(limit);
    }

    /** The session's owner as a caller: an operator acts on behalf of whoever owns the session. */
    private Caller owner(String operator, SessionId session) {
        requireOperator(operator);
        Objects.requireNonNull(session, "session");
        Session current = ports.sessions().load(session)
                .filter(s -> !s.isExpired(ports.clock().now()))
                .orElseThrow(() -> new SyncError.SessionNotFound(session.clientId()));
        return Caller.user(current.owner());
    }

    private void record(String operator, ActionKind kind, SessionId session, String subject, String outcome) {
        ports.operatorAudit().record(new OperatorAction(operator, kind, session, subject, ports.clock().now(), outcome));
    }

    private static void requireOperator(String operator) {
        if (operator == null || operator.isBlank()) {
            throw new IllegalArgumentException("an operator action names its operator");
        }
    }
}
