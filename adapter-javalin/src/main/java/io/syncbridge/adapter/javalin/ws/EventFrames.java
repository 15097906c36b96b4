package io.syncbridge.adapter.javalin.ws;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * Turns one session's domain events into the frames its connections are sent, each encoded once
 * (and only for the protocols the session's local connections speak). v1 StateUpdates name
 * top-level keys only, so a change to a nested path (or to the whole document) is sent as the
 * key's current value, read once from the session; the top-level keys are tracked so that a
 * whole-document replace can tell v1 clients which keys went away. Used by one channel's worker only.
 */
final class EventFrames {

    private static final Logger LOG = LoggerFactory.getLogger(EventFrames.class);

    /** Which protocols the frames are wanted in: those of the local connections at the time of the event. */
    record Audience(boolean v1, boolean v2) {
        static final Audience BOTH = new Audience(true, true);
    }

    private final SessionsUseCase sessions;
    private final SessionId session;
    private final ServerTime time;
    private final Set<String> knownKeys = new HashSet<>();

    EventFrames(SessionsUseCase sessions, SessionId session, ServerTime time) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.session = Objects.requireNonNull(session, "session");
        this.time = Objects.requireNonNull(time, "time");
    }

    private Frame frame(MessageType type, UserId owner, ObjectNode payload) {
        return Frame.of(type, time.seconds(), session, owner, Optional.empty(), payload);
    }

    /** Learns the top-level keys the session has before the first event. */
    void primeKeys(Caller caller) {
        knownKeys.addAll(sessions.get(caller, session).state().root().members().keySet());
    }

    List<Broadcast> toBroadcasts(DomainEvent event, Audience audience) {
        return switch (event) {
            case DomainEvent.StateChanged changed -> List.of(stateChanged(changed.owner(), changed.change(), audience));
            case DomainEvent.DeviceJoined joined -> {
                if (!audience.v2()) {
                    yield List.of();
                }
                boolean active = read(joined.owner()).flatMap(Session::activeDevice)
                        .map(joined.device().id()::equals).orElse(false);
                ObjectNode payload = WireJson.object();
                payload.set("device", WireJson.device(joined.device(), true, active));
                yield List.of(Broadcast.Notice.toOthers(frame(MessageType.DEVICE_JOINED, joined.owner(), payload),
                        joined.device().id()));
            }
            case DomainEvent.DeviceLeft left -> deviceLeft(left, audience);
            case DomainEvent.HandoffCompleted completed ->
                    audience.v2() ? handoff(completed.owner(), completed.handoff()) : List.of();
            case DomainEvent.SessionExpiring expiring -> {
                if (!audience.v2()) {
                    yield List.of();
                }
                ObjectNode payload = WireJson.object();
                payload.set("expires_at", WireJson.instant(expiring.expiresAt()));
                yield List.of(Broadcast.Notice.toAll(frame(MessageType.SESSION_EXPIRING, expiring.owner(), payload)));
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

    private List<Broadcast> deviceLeft(DomainEvent.DeviceLeft left, Audience audience) {
        Broadcast.DeviceGone gone = new Broadcast.DeviceGone(left.deviceId(), left.reason().wireName());
        boolean disconnected = left.reason() == DeviceLeaveReason.DISCONNECTED;
        if (!audience.v2()) {
            return disconnected ? List.of() : List.of(gone);
        }
        ObjectNode payload = WireJson.object();
        payload.put("device_id", left.deviceId().value());
        payload.put("reason", left.reason().wireName());
        Frame frame = frame(MessageType.DEVICE_LEFT, left.owner(), payload);
        if (disconnected) {
            return List.of(Broadcast.Notice.toOthers(frame, left.deviceId()));
        }
        return List.of(Broadcast.Notice.toAll(frame), gone);
    }

    private List<Broadcast> handoff(UserId owner, Handoff handoff) {
        List<Broadcast> broadcasts = new ArrayList<>(2);
        Optional<Session> now = read(owner);
        ObjectNode start = handoffStart(handoff, now.map(Session::version).orElse(handoff.version()),
                now.map(s -> s.state().root()).orElse(JsonObject.EMPTY));
        broadcasts.add(Broadcast.Notice.toDevice(frame(MessageType.HANDOFF_START, owner, start), handoff.id().value(),
                handoff.toDevice()));
        broadcasts.add(Broadcast.Notice.toAll(frame(MessageType.HANDOFF_COMPLETE, owner, handoffComplete(handoff))));
        return broadcasts;
    }

    /** The HandoffStart (20) payload: the handoff, and the state and version the target continues from. */
    static ObjectNode handoffStart(Handoff handoff, long version, JsonObject state) {
        ObjectNode payload = WireJson.object();
        payload.put("handoff_id", handoff.id().value());
        payload.put("from_device_id", handoff.fromDevice() == null ? null : handoff.fromDevice().value());
        payload.put("version", version);
        payload.set("state_data", WireJson.value(state));
        return payload;
    }

    static ObjectNode handoffComplete(Handoff handoff) {
        ObjectNode payload = WireJson.object();
        payload.put("handoff_id", handoff.id().value());
        payload.put("from_device_id", handoff.fromDevice() == null ? null : handoff.fromDevice().value());
        payload.put("to_device_id", handoff.toDevice().value());
        payload.put("latency_ms", handoff.latency().toMillis());
        return payload;
    }

    private Broadcast.StateChanged stateChanged(UserId owner, AppliedChange change, Audience audience) {
        Optional<Frame> delta = Optional.empty();
        if (audience.v2()) {
            ObjectNode payload = WireJson.object();
            payload.put("version", change.version());
            payload.put("device_id", change.deviceId().value());
            payload.put("mutation_id", change.mutationId().value());
            payload.set("ops", WireJson.operations(change.operations()));
            delta = Optional.of(frame(MessageType.DELTA, owner, payload));
        }
        // The v1 payloads are worked out even with no v1 connection here: they keep the known keys current.
        List<ObjectNode> v1Payloads = v1Updates(owner, change);
        List<Frame> v1 = audience.v1()
                ? v1Payloads.stream().map(p -> frame(MessageType.STATE_UPDATE, owner, p)).toList()
                : List.of();
        return new Broadcast.StateChanged(change.version(), change.mutationId().value(), v1, delta);
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
                payload.set("value", WireJson.value(value.get()));
                knownKeys.add(key);
            } else {
                payload.put("operation", "DELETE");
                knownKeys.remove(key);
            }
            updates.add(payload);
        });
        return updates;
    }

    /** The session as this node serves it: the head kept warm here, which the event just heard has reached. */
    private Optional<Session> read(UserId owner) {
        try {
            return Optional.of(sessions.served(Caller.user(owner), session));
        } catch (SyncError e) {
            LOG.debug("Session {} could not be read for its broadcast: {}", session, e.getMessage());
            return Optional.empty();
        }
    }
}
