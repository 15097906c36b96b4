package io.syncbridge.adapter.javalin.console;

import io.syncbridge.domain.device.Device;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.state.JsonCodec;
import io.syncbridge.domain.state.PatchOperation;
import io.syncbridge.port.in.MonitoringUseCase;
import io.syncbridge.port.out.OperatorAudit;
import io.syncbridge.port.out.SessionCatalogue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the console page receives: sessions with their devices, a search page, a session's page, the
 * activity timeline, operator actions, and one line per thing that happened.
 */
final class ConsoleViews {

    /** The state shown on a session's card is cut here: the console is a view, not an editor. */
    static final int STATE_PREVIEW_CHARS = 400;
    private static final int OPERATIONS_SHOWN = 3;

    private ConsoleViews() {
    }

    static Map<String, Object> session(Session session) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", session.id().value());
        view.put("name", session.name());
        view.put("type", session.type());
        view.put("owner", session.owner().value());
        view.put("status", session.status().wireName());
        view.put("version", session.version());
        view.put("activeDevice", session.activeDevice().map(DeviceId::value).orElse(null));
        view.put("createdAt", session.createdAt().toString());
        view.put("updatedAt", session.updatedAt().toString());
        view.put("expiresAt", session.expiresAt().toString());
        List<Map<String, Object>> devices = new ArrayList<>();
        for (Device device : session.devices().devices()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("id", device.id().value());
            d.put("kind", device.description().kind().wireName());
            d.put("name", device.description().name());
            d.put("online", device.online());
            d.put("active", session.activeDevice().map(device.id()::equals).orElse(false));
            d.put("lastSeen", device.lastSeen().toString());
            devices.add(d);
        }
        view.put("devices", devices);
        String state = JsonCodec.write(session.state().root());
        view.put("state", state.length() <= STATE_PREVIEW_CHARS ? state : state.substring(0, STATE_PREVIEW_CHARS) + "…");
        return view;
    }

    /** A page of a search, with the parameters that made it (so the page can show where it is). */
    static Map<String, Object> page(MonitoringUseCase.SessionPage page, SessionCatalogue.Search search) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("total", page.total());
        view.put("offset", search.offset());
        view.put("limit", search.limit());
        view.put("q", search.text());
        view.put("sort", search.sort().wireName());
        view.put("order", search.descending() ? "desc" : "asc");
        view.put("sessions", page.sessions().stream().map(ConsoleViews::session).toList());
        return view;
    }

    /** A session's page: its card, then its devices as presence sees them, changes, snapshots, handoffs and operator actions. */
    static Map<String, Object> detail(MonitoringUseCase.SessionDetail detail) {
        Map<String, Object> view = session(detail.session());
        view.put("online", detail.online().stream().map(DeviceId::value).sorted().toList());
        view.put("changes", detail.recentChanges().stream().map(change -> Map.of(
                "version", change.version(),
                "deviceId", change.deviceId().value(),
                "mutationId", change.mutationId().value(),
                "at", change.appliedAt().toString(),
                "summary", operations(change.operations()))).toList());
        view.put("snapshots", detail.snapshots().stream().map(snapshot -> Map.of(
                "id", snapshot.id().value(),
                "label", snapshot.label(),
                "version", snapshot.version(),
                "createdAt", snapshot.createdAt().toString(),
                "expiresAt", snapshot.expiresAt().toString())).toList());
        view.put("snapshotCount", detail.snapshotCount());
        view.put("handoffs", detail.handoffs().stream().map(handoff -> {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("id", handoff.id().value());
            h.put("from", handoff.fromDevice() == null ? null : handoff.fromDevice().value());
            h.put("to", handoff.toDevice().value());
            h.put("version", handoff.version());
            h.put("completedAt", handoff.completedAt().toString());
            h.put("latencyMs", handoff.latency().toMillis());
            return h;
        }).toList());
        view.put("operatorActions", detail.operatorActions().stream().map(ConsoleViews::action).toList());
        return view;
    }

    /** One operator action of the audit. */
    static Map<String, Object> action(OperatorAudit.OperatorAction action) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("operator", action.operator());
        view.put("action", action.kind().wireName());
        view.put("sessionId", action.session().value());
        view.put("subject", action.subject());
        view.put("at", action.at().toString());
        view.put("outcome", action.outcome());
        return view;
    }

    /** The timeline as the charts draw it: per step, rates per second, the connection count and fan-out in ms (null: none). */
    static Map<String, Object> timeline(MonitoringUseCase.Timeline timeline) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("now", timeline.now().toString());
        view.put("stepSeconds", timeline.step().toSeconds());
        view.put("windowSeconds", MonitoringUseCase.Timeline.WINDOW.toSeconds());
        view.put("points", timeline.points().stream().map(point -> {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("at", point.start().toEpochMilli());
            p.put("changesPerSecond", rounded(point.perSecond(point.changes())));
            p.put("handoffsPerSecond", rounded(point.perSecond(point.handoffs())));
            p.put("errorsPerSecond", rounded(point.perSecond(point.errors())));
            p.put("connections", point.connections().isPresent() ? point.connections().getAsLong() : null);
            p.put("fanOutP50Ms", point.fanOutP50Millis().isPresent() ? rounded(point.fanOutP50Millis().getAsDouble()) : null);
            p.put("fanOutP99Ms", point.fanOutP99Millis().isPresent() ? rounded(point.fanOutP99Millis().getAsDouble()) : null);
            return p;
        }).toList());
        return view;
    }

    private static double rounded(double value) {
        return Math.round(value * 1_000) / 1_000.0;
    }

    /** One line of the activity log: the event's name, session, time, and a short human summary. */
    static Map<String, Object> activity(DomainEvent event, String sessionName) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("event", event.name());
        view.put("eventId", event.eventId());
        view.put("sessionId", event.sessionId().value());
        view.put("sessionName", sessionName);
        view.put("at", event.occurredAt().toString());
        view.put("summary", summary(event));
        return view;
    }

    private static String summary(DomainEvent event) {
        return switch (event) {
            case DomainEvent.StateChanged changed -> "v" + changed.change().version() + " by "
                    + changed.change().deviceId().value() + ": " + operations(changed.change().operations());
            case DomainEvent.HandoffCompleted handoff -> "handoff "
                    + (handoff.handoff().fromDevice() == null ? "(none)" : handoff.handoff().fromDevice().value())
                    + " → " + handoff.handoff().toDevice().value() + " at v" + handoff.handoff().version()
                    + " in " + handoff.handoff().latency().toMillis() + " ms";
            case DomainEvent.DeviceJoined joined -> "device " + joined.device().id().value() + " ("
                    + joined.device().description().kind().wireName() + ") joined";
            case DomainEvent.DeviceLeft left -> "device " + left.deviceId().value() + " "
                    + (event.name().equals("device.evicted") ? "evicted" : "left");
            case DomainEvent.SessionDeleted deleted -> "session deleted";
            case DomainEvent.SessionExpired expired -> "session expired";
            case DomainEvent.SessionUpdated updated -> "session updated: " + updated.status();
            case DomainEvent.SnapshotRestored restored -> "snapshot restored as v" + restored.newVersion();
            case DomainEvent.SnapshotCreated created -> "snapshot of v" + created.version();
            case DomainEvent.ConflictDetected conflict -> "conflict: base v" + conflict.baseVersion() + ", current v"
                    + conflict.currentVersion();
            default -> event.name();
        };
    }

    private static String operations(List<PatchOperation> operations) {
        List<String> shown = new ArrayList<>();
        for (PatchOperation op : operations.subList(0, Math.min(OPERATIONS_SHOWN, operations.size()))) {
            shown.add(switch (op) {
                case PatchOperation.Add add -> "add " + add.path();
                case PatchOperation.Replace replace -> "replace " + replace.path();
                case PatchOperation.Remove remove -> "remove " + remove.path();
                case PatchOperation.Move move -> "move " + move.from() + " to " + move.path();
                case PatchOperation.Copy copy -> "copy " + copy.from() + " to " + copy.path();
                case PatchOperation.Test test -> "test " + test.path();
                case PatchOperation.SetKey set -> "set " + set.key();
                case PatchOperation.DeleteKey delete -> "delete " + delete.key();
            });
        }
        String more = operations.size() > OPERATIONS_SHOWN ? " +" + (operations.size() - OPERATIONS_SHOWN) + " more" : "";
        return String.join(", ", shown) + more;
    }

    /** Whether the session is gone after this event. */
    static boolean ends(DomainEvent event) {
        return event instanceof DomainEvent.SessionDeleted || event instanceof DomainEvent.SessionExpired;
    }
}
