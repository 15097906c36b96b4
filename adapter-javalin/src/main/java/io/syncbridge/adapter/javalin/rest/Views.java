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
import io.syncbridge.port.out.SessionCatalogue.SessionEntry;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/** The REST API's JSON shapes (camelCase, times as ISO-8601 strings) and how domain values become them. */
public final class Views {

    private Views() {
    }

    public record SessionView(String id, String userId, String name, String type, String status, JsonNode settings,
                              JsonNode state, String createdAt, String updatedAt, String completedAt, long version,
                              String expiresAt, String activeDeviceId) {
    }

    public record SessionSummary(String id, String userId, String name, String type, String status, String createdAt,
                                 String updatedAt, String completedAt, String expiresAt) {
    }

    public record SessionPage(List<SessionSummary> sessions, long total, int limit, int offset) {
    }

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

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SnapshotView(String id, String sessionId, long version, String label, String author,
                               String createdAt, String expiresAt, JsonNode data) {
    }

    public record SnapshotList(List<SnapshotView> snapshots, int total) {
    }

    public record HandoffView(String handoffId, String sessionId, String fromDeviceId, String toDeviceId,
                              long version, String startedAt, String completedAt, long latencyMs) {
    }

    public static SessionView session(Session s) {
        return new SessionView(s.id().value(), s.owner().value(), s.name(), s.type(), s.status().wireName(),
                settings(s.settings()), JsonValues.toNode(s.state().root()), time(s.createdAt()), time(s.updatedAt()),
                s.completedAt().map(Views::time).orElse(null), s.version(), time(s.expiresAt()),
                s.activeDevice().map(d -> d.value()).orElse(null));
    }

    public static SessionSummary summary(SessionEntry e) {
        return new SessionSummary(e.id().value(), e.owner().value(), e.name(), e.type(), e.status().wireName(),
                time(e.createdAt()), time(e.updatedAt()), e.completedAt().map(Views::time).orElse(null),
                time(e.expiresAt()));
    }

    /** The application's settings document with the two policies the core acts on beside them. */
    public static JsonNode settings(SessionSettings settings) {
        return JsonValues.toNode(settings.custom()
                .with(WireInput.CONFLICT_POLICY, JsonValue.of(settings.conflictPolicy().name().toLowerCase(Locale.ROOT)))
                .with(WireInput.EVICTION_POLICY, JsonValue.of(settings.evictionPolicy().name().toLowerCase(Locale.ROOT))));
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

    public static SnapshotView snapshot(Snapshot s, boolean withData) {
        return new SnapshotView(s.id().value(), s.sessionId().value(), s.version(), s.label(), s.author(),
                time(s.createdAt()), time(s.expiresAt()), withData ? JsonValues.toNode(s.state().root()) : null);
    }

    public static HandoffView handoff(Handoff h) {
        return new HandoffView(h.id().value(), h.sessionId().value(),
                Optional.ofNullable(h.fromDevice()).map(d -> d.value()).orElse(null), h.toDevice().value(),
                h.version(), time(h.startedAt()), time(h.completedAt()), h.latency().toMillis());
    }

    /** ISO-8601 in UTC with millisecond precision, which every client's date parser reads. */
    public static String time(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
