package io.syncbridge.adapter.rabbit;

import io.syncbridge.domain.change.AppliedChange;
import io.syncbridge.domain.change.MutationId;
import io.syncbridge.domain.device.Device;
import io.syncbridge.domain.device.DeviceDescription;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.device.DeviceKind;
import io.syncbridge.domain.event.DeviceLeaveReason;
import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.domain.handoff.Handoff;
import io.syncbridge.domain.handoff.HandoffId;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.UserId;
import io.syncbridge.domain.snapshot.SnapshotId;
import io.syncbridge.domain.state.JsonPointer;
import io.syncbridge.domain.state.JsonValue;
import io.syncbridge.domain.state.PatchOperation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Test fixture: domain events of every type, with fresh ids. */
final class SampleEvents {

    static final UserId OWNER = new UserId("user-7");
    static final Instant AT = Instant.parse("2025-03-01T10:15:30.123Z");
    private static final DeviceId PHONE = new DeviceId("phone-1");
    private static final DeviceId LAPTOP = new DeviceId("laptop-1");

    private SampleEvents() {
    }

    static String freshId() {
        return UUID.randomUUID().toString();
    }

    /** One event of every type the domain has, all of session {@code session}. */
    static List<DomainEvent> everyType(SessionId session) {
        AppliedChange change = new AppliedChange(4, new MutationId("m-42"), PHONE,
                List.of(new PatchOperation.Replace(JsonPointer.parse("/player/position"), JsonValue.of(93)),
                        new PatchOperation.SetKey("mood", JsonValue.of("calm")),
                        new PatchOperation.DeleteKey("draft")),
                AT);
        Device phone = new Device(PHONE, new DeviceDescription(DeviceKind.IOS, "Anna's iPhone", "SyncBridge/1.0 iOS",
                Set.of("handoff")), AT, AT, true);
        Handoff handoff = new Handoff(new HandoffId("h-1"), session, PHONE, LAPTOP, 4, AT, AT.plusMillis(35));
        return List.of(
                new DomainEvent.SessionCreated(freshId(), session, OWNER, AT, "Morning breathing", "exercise"),
                new DomainEvent.SessionUpdated(freshId(), session, OWNER, AT, "paused"),
                new DomainEvent.SessionDeleted(freshId(), session, OWNER, AT),
                new DomainEvent.SessionExpired(freshId(), session, OWNER, AT, AT),
                new DomainEvent.SessionExpiring(freshId(), session, OWNER, AT, AT.plusSeconds(3600)),
                new DomainEvent.StateChanged(freshId(), session, OWNER, AT, change),
                new DomainEvent.DeviceJoined(freshId(), session, OWNER, AT, phone),
                new DomainEvent.DeviceLeft(freshId(), session, OWNER, AT, LAPTOP, DeviceLeaveReason.DISCONNECTED),
                new DomainEvent.DeviceLeft(freshId(), session, OWNER, AT, LAPTOP, DeviceLeaveReason.EVICTED),
                new DomainEvent.HandoffCompleted(freshId(), session, OWNER, AT, handoff),
                new DomainEvent.SnapshotCreated(freshId(), session, OWNER, AT, new SnapshotId("snap-1"), 4, "before run"),
                new DomainEvent.SnapshotRestored(freshId(), session, OWNER, AT, new SnapshotId("snap-1"), 4, 9),
                new DomainEvent.ConflictDetected(freshId(), session, OWNER, AT, new MutationId("m-43"), LAPTOP, 3, 4,
                        List.of(JsonPointer.parse("/player/position"))));
    }

    /** {@code perSession} state changes for each session, interleaved across sessions as they would arrive. */
    static List<DomainEvent> interleavedStateChanges(List<SessionId> sessions, int perSession) {
        List<DomainEvent> events = new ArrayList<>();
        for (int version = 1; version <= perSession; version++) {
            for (SessionId session : sessions) {
                events.add(stateChange(session, version));
            }
        }
        return events;
    }

    static DomainEvent stateChange(SessionId session, long version) {
        AppliedChange change = new AppliedChange(version, new MutationId("m-" + version), PHONE,
                List.of(new PatchOperation.SetKey("step", JsonValue.of(version))), AT);
        return new DomainEvent.StateChanged(freshId(), session, OWNER, AT, change);
    }
}
