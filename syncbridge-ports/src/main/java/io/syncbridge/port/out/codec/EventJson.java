package io.syncbridge.port.out.codec;

import io.syncbridge.domain.change.MutationId;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.event.DeviceLeaveReason;
import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.UserId;
import io.syncbridge.domain.snapshot.SnapshotId;
import io.syncbridge.domain.state.JsonPointer;
import io.syncbridge.domain.state.JsonString;
import io.syncbridge.domain.state.JsonValue;
import java.time.Instant;
import java.util.Locale;

/**
 * The JSON form of domain events: an envelope ({@code event_id}, {@code type} = the event's
 * name, {@code session_id}, {@code owner}, {@code occurred_at}) and a {@code data} object per type.
 * It is both the stored form (outbox, fan-out) and the published message body. {@code session_id}
 * is the id as the session's client knows it; with {@code owner} it names the session (ids are
 * scoped to their owner). An unscoped id (embedding code) is its own client id.
 */
public final class EventJson {

    private EventJson() {
    }

    public static String eventText(DomainEvent event) {
        return JsonObjectWriter.text(out -> event(event, out, null));
    }

    /**
     * The text of a StateChanged event whose change is written already ({@code changeText}, from
     * {@link ChangeJson#appliedChangeText} of {@code event.change()}): a commit stores the change
     * in the log and publishes the event, and encodes the change once for both.
     */
    public static String stateChangedText(DomainEvent.StateChanged event, String changeText) {
        return JsonObjectWriter.text(out -> event(event, out, changeText));
    }

    public static DomainEvent eventFromText(String text) {
        return event(JsonText.parse(text));
    }

    private static void event(DomainEvent event, JsonObjectWriter out, String changeText) {
        out.put("event_id", event.eventId())
                .put("type", event.name())
                .put("session_id", event.sessionId().clientId())
                .put("owner", event.owner().value());
        if (event.sessionId().scope().isEmpty()) {
            out.put("session_scoped", false);
        }
        out.put("occurred_at", event.occurredAt())
                .object("data", data -> data(event, data, changeText));
    }

    private static void data(DomainEvent event, JsonObjectWriter data, String changeText) {
        switch (event) {
            case DomainEvent.SessionCreated e -> data.put("name", e.sessionName()).put("session_type", e.sessionType());
            case DomainEvent.SessionUpdated e -> data.put("status", e.status());
            case DomainEvent.SessionDeleted e -> {
            }
            case DomainEvent.SessionExpired e -> data.put("expired_at", e.expiredAt());
            case DomainEvent.SessionExpiring e -> data.put("expires_at", e.expiresAt());
            case DomainEvent.StateChanged e -> data.putText("change",
                    changeText != null ? changeText : ChangeJson.appliedChangeText(e.change()));
            case DomainEvent.DeviceJoined e -> data.object("device", device -> SessionJson.device(e.device(), device));
            case DomainEvent.DeviceLeft e -> data.put("device_id", e.deviceId().value())
                    .put("reason", e.reason().wireName());
            // The handoff's session_id is the client's id, as the event's own (the event names the owner).
            case DomainEvent.HandoffCompleted e -> data.object("handoff",
                            handoff -> HandoffJson.handoff(e.handoff(), e.sessionId().clientId(), handoff))
                    .put("latency_ms", e.handoff().latency().toMillis());
            case DomainEvent.SnapshotCreated e -> data.put("snapshot_id", e.snapshotId().value())
                    .put("version", e.version()).put("label", e.label());
            case DomainEvent.SnapshotRestored e -> data.put("snapshot_id", e.snapshotId().value())
                    .put("restored_version", e.restoredVersion()).put("new_version", e.newVersion());
            case DomainEvent.ConflictDetected e -> data.put("mutation_id", e.mutationId().value())
                    .put("device_id", e.deviceId().value()).put("base_version", e.baseVersion())
                    .put("current_version", e.currentVersion())
                    .strings("paths", e.paths().stream().map(JsonPointer::toString).toList());
        }
    }

    public static DomainEvent event(JsonValue json) {
        JsonReader in = new JsonReader(json);
        String id = in.string("event_id");
        UserId owner = new UserId(in.string("owner"));
        SessionId session = in.optional("session_scoped").isPresent()
                ? new SessionId(in.string("session_id"))
                : SessionId.scoped(owner, in.string("session_id"));
        Instant at = in.instant("occurred_at");
        JsonReader data = new JsonReader(in.object("data"));
        String type = in.string("type");
        return switch (type) {
            case "session.created" -> new DomainEvent.SessionCreated(id, session, owner, at, data.string("name"),
                    data.string("session_type"));
            case "session.updated" -> new DomainEvent.SessionUpdated(id, session, owner, at, data.string("status"));
            case "session.deleted" -> new DomainEvent.SessionDeleted(id, session, owner, at);
            case "session.expired" -> new DomainEvent.SessionExpired(id, session, owner, at, data.instant("expired_at"));
            case "session.expiring" -> new DomainEvent.SessionExpiring(id, session, owner, at,
                    data.instant("expires_at"));
            case "state.changed" -> new DomainEvent.StateChanged(id, session, owner, at,
                    ChangeJson.appliedChange(data.value("change")));
            case "device.joined" -> new DomainEvent.DeviceJoined(id, session, owner, at,
                    SessionJson.device(data.value("device")));
            case "device.left", "device.evicted" -> new DomainEvent.DeviceLeft(id, session, owner, at,
                    new DeviceId(data.string("device_id")),
                    DeviceLeaveReason.valueOf(data.string("reason").toUpperCase(Locale.ROOT)));
            case "handoff.completed" -> new DomainEvent.HandoffCompleted(id, session, owner, at,
                    inSession(HandoffJson.handoff(data.value("handoff")), session));
            case "snapshot.created" -> new DomainEvent.SnapshotCreated(id, session, owner, at,
                    new SnapshotId(data.string("snapshot_id")), data.number("version"), data.string("label"));
            case "snapshot.restored" -> new DomainEvent.SnapshotRestored(id, session, owner, at,
                    new SnapshotId(data.string("snapshot_id")), data.number("restored_version"),
                    data.number("new_version"));
            case "conflict.detected" -> new DomainEvent.ConflictDetected(id, session, owner, at,
                    new MutationId(data.string("mutation_id")), new DeviceId(data.string("device_id")),
                    data.number("base_version"), data.number("current_version"),
                    data.array("paths").stream().map(p -> JsonPointer.parse(((JsonString) p).value())).toList());
            default -> throw new IllegalArgumentException("unknown event type '" + type + "'");
        };
    }

    private static io.syncbridge.domain.handoff.Handoff inSession(io.syncbridge.domain.handoff.Handoff h,
                                                                   SessionId session) {
        return new io.syncbridge.domain.handoff.Handoff(h.id(), session, h.fromDevice(), h.toDevice(), h.version(),
                h.startedAt(), h.completedAt());
    }
}
