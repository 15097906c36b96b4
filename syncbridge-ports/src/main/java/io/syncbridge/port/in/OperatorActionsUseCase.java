package io.syncbridge.port.in;

import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.snapshot.SnapshotId;
import io.syncbridge.port.out.OperatorAudit;
import java.util.List;

/**
 * Driving port: what an operator does to any owner's session, each done through the owner's own use
 * case and recorded in the operator audit. As with {@link MonitoringUseCase} there is no
 * {@link Caller}: the adapter that offers this authenticates its operators and names them.
 * A session or device or snapshot that does not exist is refused with the usual domain error and
 * nothing is recorded.
 */
public interface OperatorActionsUseCase {

    /** The device the restore of a snapshot is recorded as written by. */
    DeviceId OPERATOR_DEVICE = new DeviceId("operator-console");

    /** Detaches the device from the session for good; its connections are closed. */
    void removeDevice(String operator, SessionId session, DeviceId device);

    /** Ends the session: it is deleted with its log and snapshots, and its connected devices are told it ended. */
    void endSession(String operator, SessionId session);

    /** Restores the snapshot's state as a new change (a new version) that every device receives. */
    ChangeResult restoreSnapshot(String operator, SessionId session, SnapshotId snapshot);

    /** The most recent operator actions on every session, newest first. */
    List<OperatorAudit.OperatorAction> recentActions(int limit);
}
