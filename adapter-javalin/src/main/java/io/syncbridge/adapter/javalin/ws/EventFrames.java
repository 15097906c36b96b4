package io.syncbridge.adapter.javalin.ws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.syncbridge.adapter.javalin.json.JsonValues;
import io.syncbridge.domain.change.AppliedChange;
import io.syncbridge.domain.error.SyncError;
import io.syncbridge.domain.event.DeviceLeaveReason;
import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.domain.event.SessionEndReason;
import io.syncbridge.domain.handoff.Handoff;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.UserId;
import io.syncbridge.domain.state.JsonObject;
import io.syncbridge.domain.state.JsonValue;
import io.syncbridge.domain.state.PatchOperation;
import io.syncbridge.port.in.Caller;
import io.syncbridge.port.in.SessionsUseCase;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one session's domain events into what its connections are sent. v1 StateUpdates name
 * top-level keys only, so a change to a nested path (or to the whole document) is sent as the
 * key's current value, read once from the session; the top-level keys are tracked so that a
 * whole-document replace can tell v1 clients which keys went away. Used by one channel's worker only.
 */
final class EventFrames {

    private static final Logger LOG = LoggerFactory.getLogger(EventFrames.class);

    private final SessionsUseCase sessions;
    private final SessionId session;
    private final Set<String> knownKeys = new HashSet<>();

    EventFrames(SessionsUseCase sessions, SessionId session) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.session = Objects.requireNonNull(session, "session");
    }

    /** Learns the top-level keys the session has before the first event. */
    void primeKeys(Caller caller) {
        knownKeys.addAll(sessions.get(caller, session).state().root().members().keySet());
    }

    List<Broadcast> toBroadcasts(DomainEvent event) {
        return switch (event) {
            case DomainEvent.StateChanged changed -> List.of(stateChanged(changed.owner(), changed.change()));
            case DomainEvent.DeviceJoined joined -> {
                boolean active = read(joined.owner()).flatMap(Session::activeDevice)
                        .map(joined.device().id()::equals).orElse(false);
                ObjectNode payload = WireJson.object();
                payload.set("device", WireJson.device(joined.device(), true, active));
                yield List.of(Broadcast.Notice.toOthers(MessageType.DEVICE_JOINED, payload, joined.device().id()));
            }
            case DomainEvent.DeviceLeft left -> deviceLeft(left);
            case DomainEvent.HandoffCompleted completed -> handoff(completed.owner(), completed.handoff());
            case DomainEvent.SessionExpiring expiring -> {
                ObjectNode payload = WireJson.object();
                payload.set("expires_at", WireJson.instant(expiring.expiresAt()));
                yield List.of(Broadcast.Notice.toAll(MessageType.SESSION_EXPIRING, payload));
            }
            case DomainEvent.SessionExpired ignored ->
                    List.of(new Broadcast.SessionEnded(SessionEndReason.EXPIRED.wireName()));
            case DomainEvent.SessionDeleted ignored ->
                    List.of(new Broadcast.SessionEnded(SessionEndReason.DELETED.wireName()));
            case DomainEvent.SessionCreated ignored -> List.of();
            case DomainEvent.SessionUpdated ignored -> List.of();
            case DomainEvent.SnapshotCreated ignored -> List.of();
            case DomainEvent.SnapshotRestored ignored -> List.of();
            case DomainEvent.ConflictDetected ignored -> List.of();
        };
    }

    private List<Broadcast> deviceLeft(DomainEvent.DeviceLeft left) {
        ObjectNode payload = WireJson.object();
        payload.put("device_id", left.deviceId().value());
        payload.put("reason", left.reason().wireName());
        if (left.reason() == DeviceLeaveReason.DISCONNECTED) {
            return List.of(Broadcast.Notice.toOthers(MessageType.DEVICE_LEFT, payload, left.deviceId()));
        }
        return List.of(Broadcast.Notice.toAll(MessageType.DEVICE_LEFT, payload),
                new Broadcast.DeviceGone(left.deviceId(), left.reason().wireName()));
    }

    private List<Broadcast> handoff(UserId owner, Handoff handoff) {
        List<Broadcast> broadcasts = new ArrayList<>(2);
        Optional<Session> now = read(owner);
        ObjectNode start = WireJson.object();
        start.put("handoff_id", handoff.id().value());
        start.put("from_device_id", handoff.fromDevice() == null ? null : handoff.fromDevice().value());
        start.put("version", now.map(Session::version).orElse(handoff.version()));
        start.set("state_data", JsonValues.toNode(now.map(s -> s.state().root()).orElse(JsonObject.EMPTY)));
        broadcasts.add(Broadcast.Notice.toDevice(MessageType.HANDOFF_START, start, handoff.toDevice()));
        broadcasts.add(Broadcast.Notice.toAll(MessageType.HANDOFF_COMPLETE, handoffComplete(handoff)));
        return broadcasts;
    }

    static ObjectNode handoffComplete(Handoff handoff) {
        ObjectNode payload = WireJson.object();
        payload.put("handoff_id", handoff.id().value());
        payload.put("from_device_id", handoff.fromDevice() == null ? null : handoff.fromDevice().value());
        payload.put("to_device_id", handoff.toDevice().value());
        payload.put("latency_ms", handoff.latency().toMillis());
        return payload;
    }

    private Broadcast.StateChanged stateChanged(UserId owner, AppliedChange change) {
        ObjectNode delta = WireJson.object();
        delta.put("version", change.version());
        delta.put("device_id", change.deviceId().value());
        delta.put("mutation_id", change.mutationId().value());
        delta.set("ops", WireJson.operations(change.operations()));
        // Every device of a session is its owner's, so the owner is who sent the change.
        return new Broadcast.StateChanged(change.version(), change.mutationId().value(), v1Updates(owner, change),
                delta, owner);
    }

    /** One StateUpdate payload per top-level key the change touched: exactly {key, value} or {key, operation}. */
    private List<ObjectNode> v1Updates(UserId owner, AppliedChange change) {
        // A key mapped to null must be read from the session; Optional.empty() means deleted.
        Map<String, Optional<JsonValue>> touched = new LinkedHashMap<>();
        boolean wholeDocument = false;
        for (PatchOperation operation : change.operations()) {
            if (operation instanceof PatchOperation.Test) {
                continue;
            }
            if (operation instanceof PatchOperation.Move move && !move.from().isRoot()) {
                // The value left its old place: a top-level key is gone, a nested one changed its key's value.
                List<String> from = move.from().tokens();
                touched.remove(from.get(0));
                touched.put(from.get(0), from.size() == 1 ? Optional.empty() : null);
            }
            List<String> tokens = operation.path().tokens();
            if (tokens.isEmpty()) {
                wholeDocument = true;
                continue;
            }
            String key = tokens.get(0);
            touched.remove(key);
            if (tokens.size() > 1) {
                touched.put(key, null);
                continue;
            }
            touched.put(key, switch (operation) {
                case PatchOperation.SetKey set -> Optional.of(set.value());
                case PatchOperation.Add add -> Optional.of(add.value());
                case PatchOperation.Replace replace -> Optional.of(replace.value());
                case PatchOperation.Remove ignored -> Optional.empty();
                case PatchOperation.DeleteKey ignored -> Optional.empty();
                // A moved or copied value is read back from the session, where it now is.
                case PatchOperation.Move ignored -> null;
                case PatchOperation.Copy ignored -> null;
                case PatchOperation.Test ignored -> null;
            });
        }
        if (wholeDocument || touched.containsValue(null)) {
            Optional<JsonObject> state = read(owner).map(s -> s.state().root());
            if (state.isEmpty()) {
                touched.values().removeIf(Objects::isNull);
            } else if (wholeDocument) {
                touched.clear();
                knownKeys.stream().filter(k -> !state.get().members().containsKey(k)).sorted()
                        .forEach(k -> touched.put(k, Optional.empty()));
                state.get().members().forEach((k, v) -> touched.put(k, Optional.of(v)));
            } else {
                touched.replaceAll((k, v) -> v != null ? v : state.get().get(k));
            }
        }
        List<ObjectNode> updates = new ArrayList<>(touched.size());
        touched.forEach((key, value) -> {
            ObjectNode payload = WireJson.object();
            payload.put("key", key);
            if (value.isPresent()) {
                payload.set("value", JsonValues.toNode(value.get()));
                knownKeys.add(key);
            } else {
                payload.put("operation", "DELETE");
                knownKeys.remove(key);
            }
            updates.add(payload);
        });
        return updates;
    }

    private Optional<Session> read(UserId owner) {
        try {
            return Optional.of(sessions.get(Caller.user(owner), session));
        } catch (SyncError e) {
            LOG.debug("Session {} could not be read for its broadcast: {}", session, e.getMessage());
            return Optional.empty();
        }
    }
}
