package io.syncbridge.domain.event;

import io.syncbridge.domain.change.AppliedChange;
import io.syncbridge.domain.change.MutationId;
import io.syncbridge.domain.device.Device;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.handoff.Handoff;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.UserId;
import io.syncbridge.domain.snapshot.SnapshotId;
import io.syncbridge.domain.state.JsonPointer;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Something that happened to a session. The same events drive the live fan-out to devices and,
 * through the outbox, the published event stream; {@link #name()} is the stable routing name.
 */
public sealed interface DomainEvent {

    /** Unique per event, so that consumers can de-duplicate. */
    String eventId();

    SessionId sessionId();

    UserId owner();

    Instant occurredAt();

    /** The stable dotted name, e.g. {@code state.changed}. */
    String name();

    record SessionCreated(String eventId, SessionId sessionId, UserId owner, Instant occurredAt, String sessionName,
                          String sessionType) implements DomainEvent {
        public String name() {
            return "session.created";
        }
    }

    record SessionUpdated(String eventId, SessionId sessionId, UserId owner, Instant occurredAt, String status)
            implements DomainEvent {
        public String name() {
            return "session.updated";
        }
    }

    record SessionDeleted(String eventId, SessionId sessionId, UserId owner, Instant occurredAt) implements DomainEvent {
        public String name() {
            return "session.deleted";
        }
    }

    record SessionExpired(String eventId, SessionId sessionId, UserId owner, Instant occurredAt, Instant expiredAt)
            implements DomainEvent {
        public String name() {
            return "session.expired";
        }
    }

    /** A warning that the session expires soon unless it is used. */
    record SessionExpiring(String eventId, SessionId sessionId, UserId owner, Instant occurredAt, Instant expiresAt)
            implements DomainEvent {
        public String name() {
            return "session.expiring";
        }
    }

    record StateChanged(String eventId, SessionId sessionId, UserId owner, Instant occurredAt, AppliedChange change)
            implements DomainEvent {
        public StateChanged {
            Objects.requireNonNull(change, "change");
        }

        public String name() {
            return "state.changed";
        }
    }

    record DeviceJoined(String eventId, SessionId sessionId, UserId owner, Instant occurredAt, Device device)
            implements DomainEvent {
        public String name() {
            return "device.joined";
        }
    }

    record DeviceLeft(String eventId, SessionId sessionId, UserId owner, Instant occurredAt, DeviceId deviceId,
                      DeviceLeaveReason reason) implements DomainEvent {
        public String name() {
            return reason == DeviceLeaveReason.EVICTED ? "device.evicted" : "device.left";
        }
    }

    record HandoffCompleted(String eventId, SessionId sessionId, UserId owner, Instant occurredAt, Handoff handoff)
            implements DomainEvent {
        public String name() {
            return "handoff.completed";
        }
    }

    record SnapshotCreated(String eventId, SessionId sessionId, UserId owner, Instant occurredAt, SnapshotId snapshotId,
                           long version, String label) implements DomainEvent {
        public String name() {
            return "snapshot.created";
        }
    }

    record SnapshotRestored(String eventId, SessionId sessionId, UserId owner, Instant occurredAt,
                            SnapshotId snapshotId, long restoredVersion, long newVersion) implements DomainEvent {
        public String name() {
            return "snapshot.restored";
        }
    }

    record ConflictDetected(String eventId, SessionId sessionId, UserId owner, Instant occurredAt,
                            MutationId mutationId, DeviceId deviceId, long baseVersion, long currentVersion,
                            List<JsonPointer> paths) implements DomainEvent {
        public ConflictDetected {
            paths = List.copyOf(paths);
        }

        public String name() {
            return "conflict.detected";
        }
    }

    /** Lets an event be made from the session it is about. */
    static StateChanged stateChanged(String eventId, Session session, AppliedChange change) {
        return new StateChanged(eventId, session.id(), session.owner(), change.appliedAt(), change);
    }

    /**
     * The event of an accepted change, with an id derived from the change itself, so that the live
     * fan-out and the published stream carry one and the same event without coordinating.
     */
    static StateChanged stateChanged(Session session, AppliedChange change) {
        String eventId = "state:" + session.id() + ":v" + change.version() + ":" + change.mutationId() + "@"
                + change.appliedAt().toEpochMilli();
        return stateChanged(eventId, session, change);
    }
}
