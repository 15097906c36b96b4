package io.syncbridge.adapter.javalin.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.syncbridge.adapter.javalin.json.JsonValues;
import io.syncbridge.domain.change.AppliedChange;
import io.syncbridge.domain.device.Device;
import io.syncbridge.domain.handoff.Handoff;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionSettings;
import io.syncbridge.domain.snapshot.Snapshot;
import io.syncbridge.domain.state.JsonPointer;
import io.syncbridge.domain.state.JsonValue;
import io.syncbridge.domain.state.PatchOperation;
import io.syncbridge.domain.state.StateDocument;
import io.syncbridge.port.in.DevicesUseCase.DeviceStatus;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The REST API's JSON shapes (camelCase, times as RFC 3339 strings with milliseconds) and how domain
 * values become them. A field with no value is left out, never {@code null} (the mapper's inclusion
 * rule, see {@link RestJson}).
 */
public final class Views {

    private Views() {
    }

    /**
     * A session as the v1 REST contract has it, plus the extensions {@code expiresAt},
     * {@code activeDeviceId} and {@code policies}; {@code settings} is exactly what the client wrote.
     */
    public record SessionView(String id, String userId, String name, String type, String status, JsonNode settings,
                              StateView state, String createdAt, String updatedAt, String completedAt, long version,
                              String expiresAt, String activeDeviceId, PoliciesView policies) {
    }

    /** The server-side policies of a session, which are not part of its settings. */
    public record PoliciesView(String conflictPolicy, String evictionPolicy) {
    }

    public record SessionPage(List<SessionView> sessions, long total, int limit, int offset) {
    }

    /** SessionState: a session's state document and its version, as {@code GET .../state} answers it. */
    public record StateView(long version, String lastModified, String modifiedBy, JsonNode data, String checksum) {
    }

    /** A state after a change, with how the change was taken ({@code applied}, {@code rebased}, {@code duplicate}). */
    public record ChangedState(long version, String lastModified, String modifiedBy, JsonNode data, String checksum,
                               String mutationId, String outcome) {
    }

    public record ChangeView(long version, String deviceId, String mutationId, List<JsonNode> operations,
                             String appliedAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ChangesView(long fromVersion, long toVersion, List<ChangeView> changes, boolean reset,
                              StateView state) {
    }

    public record DeviceView(String id, String type, String name, String userAgent, String connectedAt,
                             String lastSeen, List<String> capabilities, boolean online, Boolean active) {
    }

    public record DeviceList(List<DeviceView> devices) {
    }

    /** A snapshot: its state as a SessionState, who took it, and (an extension) when it expires. */
    public record SnapshotView(String id, String sessionId, long version, String label, StateView state,
                               String createdAt, String createdBy, String expiresAt) {
    }

    public record SnapshotList(List<SnapshotView> snapshots, int total) {
    }

    public record HandoffView(String handoffId, String sessionId, String fromDeviceId, String toDeviceId,
                              long version, String startedAt, String completedAt, long latencyMs) {
    }

    public static SessionView session(Session s) {
        return new SessionView(s.id().clientId(), s.owner().value(), s.name(), s.type(), s.status().wireName(),
                JsonValues.toNode(s.settings().custom()), state(s), time(s.createdAt()), time(s.updatedAt()),
                s.completedAt().map(Views::time).orElse(null), s.version(), time(s.expiresAt()),
                s.activeDevice().map(d -> d.value()).orElse(null), policies(s.settings()));
    }

    public static PoliciesView policies(SessionSettings settings) {
        return new PoliciesView(settings.conflictPolicy().name().toLowerCase(Locale.ROOT),
                settings.evictionPolicy().name().toLowerCase(Locale.ROOT));
    }

    public static StateView state(Session s) {
        StateDocument state = s.state();
        return new StateView(s.version(), time(s.updatedAt()), s.lastModifiedBy().map(d -> d.value()).orElse(null),
                JsonValues.toNode(state.root()), state.checksum());
    }

    public static ChangedState changed(Session s, String mutationId, String outcome) {
        StateView view = state(s);
        return new ChangedState(view.version(), view.lastModified(), view.modifiedBy(), view.data(), view.checksum(),
                mutationId, outcome);
    }

    public static ChangeView change(AppliedChange c) {
        return new ChangeView(c.version(), c.deviceId().value(), c.mutationId().value(),
                c.operations().stream().map(Views::operation).toList(), time(c.appliedAt()));
    }

    /** An operation as RFC 6902 JSON; the v1 key operations read as {@code add} / {@code remove} of the key. */
    public static JsonNode operation(PatchOperation operation) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        switch (operation) {
            case PatchOperation.Add add -> node.put("op", "add").put("path", add.path().toString())
                    .set("value", JsonValues.toNode(add.value()));
            case PatchOperation.Replace replace -> node.put("op", "replace").put("path", replace.path().toString())
                    .set("value", JsonValues.toNode(replace.value()));
            case PatchOperation.Remove remove -> node.put("op", "remove").put("path", remove.path().toString());
            case PatchOperation.Move move -> node.put("op", "move").put("from", move.from().toString())
                    .put("path", move.path().toString());
            case PatchOperation.Copy copy -> node.put("op", "copy").put("from", copy.from().toString())
                    .put("path", copy.path().toString());
            case PatchOperation.Test test -> node.put("op", "test").put("path", test.path().toString())
                    .set("value", JsonValues.toNode(test.value()));
            case PatchOperation.SetKey set -> node.put("op", "add").put("path", JsonPointer.ofKey(set.key()).toString())
                    .set("value", JsonValues.toNode(set.value()));
            case PatchOperation.DeleteKey delete -> node.put("op", "remove")
                    .put("path", JsonPointer.ofKey(delete.key()).toString());
        }
        return node;
    }

    public static DeviceView device(Device d) {
        return device(d, d.online(), null);
    }

    public static DeviceView device(DeviceStatus status) {
        return device(status.device(), status.online(), status.active());
    }

    private static DeviceView device(Device d, boolean online, Boolean active) {
        return new DeviceView(d.id().value(), d.description().kind().wireName(), d.description().name(),
                d.description().userAgent(), time(d.connectedAt()), time(d.lastSeen()),
                List.copyOf(new TreeSet<>(d.description().capabilities())), online, active);
    }

    /** A snapshot; its state was current when it was taken, so that is its {@code lastModified}. */
    public static SnapshotView snapshot(Snapshot s) {
        StateView state = new StateView(s.version(), time(s.createdAt()), null, JsonValues.toNode(s.state().root()),
                s.state().checksum());
        return new SnapshotView(s.id().value(), s.sessionId().clientId(), s.version(), s.label(), state,
                time(s.createdAt()), s.author().isEmpty() ? null : s.author(), time(s.expiresAt()));
    }

    public static HandoffView handoff(Handoff h) {
        return new HandoffView(h.id().value(), h.sessionId().clientId(),
                Optional.ofNullable(h.fromDevice()).map(d -> d.value()).orElse(null), h.toDevice().value(),
                h.version(), time(h.startedAt()), time(h.completedAt()), h.latency().toMillis());
    }

    /** RFC 3339 in UTC with exactly three fraction digits ({@code 2026-02-11T12:00:00.000Z}), as the v1 contract writes times. */
    public static String time(Instant instant) {
        return instant == null ? null : MILLIS.format(instant);
    }

    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
}
