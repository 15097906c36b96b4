package io.syncbridge.adapter.javalin.rest;

import io.syncbridge.domain.event.DomainEvent;
import java.util.LinkedHashMap;
import java.util.Map;

/** The data of each Server-Sent Event: the domain event in the REST API's camelCase shapes. */
final class EventViews {

    private EventViews() {
    }

    static Object data(DomainEvent event) {
        Map<String, Object> data = new LinkedHashMap<>();
        switch (event) {
            case DomainEvent.StateChanged e -> {
                return Views.change(e.change());
            }
            case DomainEvent.HandoffCompleted e -> {
                return Views.handoff(e.handoff());
            }
            case DomainEvent.SessionCreated e -> {
                data.put("name", e.sessionName());
                data.put("type", e.sessionType());
            }
            case DomainEvent.SessionUpdated e -> data.put("status", e.status());
            case DomainEvent.SessionDeleted e -> data.put("reason", "deleted");
            case DomainEvent.SessionExpired e -> {
                data.put("reason", "expired");
                data.put("expiredAt", Views.time(e.expiredAt()));
            }
            case DomainEvent.SessionExpiring e -> data.put("expiresAt", Views.time(e.expiresAt()));
            case DomainEvent.DeviceJoined e -> data.put("device", Views.device(e.device()));
            case DomainEvent.DeviceLeft e -> {
                data.put("deviceId", e.deviceId().value());
                data.put("reason", e.reason().wireName());
            }
            case DomainEvent.SnapshotCreated e -> {
                data.put("snapshotId", e.snapshotId().value());
                data.put("version", e.version());
                data.put("label", e.label());
            }
            case DomainEvent.SnapshotRestored e -> {
                data.put("snapshotId", e.snapshotId().value());
                data.put("restoredVersion", e.restoredVersion());
                data.put("newVersion", e.newVersion());
            }
            case DomainEvent.ConflictDetected e -> {
                data.put("mutationId", e.mutationId().value());
                data.put("deviceId", e.deviceId().value());
                data.put("baseVersion", e.baseVersion());
                data.put("currentVersion", e.currentVersion());
                data.put("paths", e.paths().stream().map(Object::toString).toList());
            }
        }
        data.put("sessionId", event.sessionId().clientId());
        data.put("occurredAt", Views.time(event.occurredAt()));
        return data;
    }

    /** True for the events after which a session's stream ends. */
    static boolean ends(DomainEvent event) {
        return event instanceof DomainEvent.SessionDeleted || event instanceof DomainEvent.SessionExpired;
    }
}
