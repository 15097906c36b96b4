package io.syncbridge.port.out.codec;

import io.syncbridge.domain.conflict.ConflictPolicy;
import io.syncbridge.domain.device.Device;
import io.syncbridge.domain.device.DeviceDescription;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.device.DeviceKind;
import io.syncbridge.domain.device.DeviceRoster;
import io.syncbridge.domain.device.EvictionPolicy;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.SessionSettings;
import io.syncbridge.domain.session.SessionStatus;
import io.syncbridge.domain.session.UserId;
import io.syncbridge.domain.state.JsonString;
import io.syncbridge.domain.state.JsonValue;
import io.syncbridge.domain.state.StateDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Stored JSON form of sessions (everything but the state's own encoding), devices and settings. */
public final class SessionJson {

    private SessionJson() {
    }

    /** Everything but the state's own encoding: the whole session is {@link #sessionText}. */
    private static void fields(Session session, boolean withState, JsonObjectWriter out) {
        out.put("id", session.id().value())
                .put("owner", session.owner().value())
                .put("name", session.name())
                .put("type", session.type())
                .put("status", session.status().wireName())
                .object("settings", settings -> settings(session.settings(), settings));
        if (withState) {
            out.put("state", session.state().root());
        }
        out.put("version", session.version())
                .put("revision", session.revision())
                .objects("devices", session.devices().devices(), SessionJson::device)
                .putOptional("active_device", session.activeDevice())
                .putOptional("last_modified_by", session.lastModifiedBy())
                .put("created_at", session.createdAt())
                .put("updated_at", session.updatedAt())
                .putOptional("completed_at", session.completedAt())
                .put("expires_at", session.expiresAt());
    }

    /**
     * Everything but the state (a store that keeps the state apart, so that a change does not
     * rewrite it); {@link #session(JsonValue, StateDocument)} puts the two together again.
     */
    public static String headText(Session session) {
        return JsonObjectWriter.text(out -> fields(session, false, out));
    }

    public static Session session(JsonValue json) {
        return session(json, StateDocument.of(new JsonReader(json).object("state")));
    }

    /** A session from its {@link #head} and the state kept apart from it. */
    public static Session session(JsonValue head, StateDocument state) {
        JsonReader in = new JsonReader(head);
        List<Device> devices = new ArrayList<>();
        in.array("devices").forEach(d -> devices.add(device(d)));
        return new Session(new SessionId(in.string("id")), new UserId(in.string("owner")), in.string("name"),
                in.string("type"), SessionStatus.parse(in.string("status")), settings(in.value("settings")),
                state, in.number("version"), in.number("revision"),
                new DeviceRoster(devices), in.optionalString("active_device").map(DeviceId::new),
                in.optionalString("last_modified_by").map(DeviceId::new), in.instant("created_at"),
                in.instant("updated_at"), in.optionalInstant("completed_at"), in.instant("expires_at"));
    }

    /** The whole session, state included. */
    public static String sessionText(Session session) {
        return JsonObjectWriter.text(out -> fields(session, true, out));
    }

    public static Session sessionFromText(String text) {
        return session(JsonText.parse(text));
    }

    private static void settings(SessionSettings settings, JsonObjectWriter out) {
        out.put("conflict_policy", settings.conflictPolicy().name())
                .put("eviction_policy", settings.evictionPolicy().name())
                .put("custom", settings.custom());
    }

    public static SessionSettings settings(JsonValue json) {
        JsonReader in = new JsonReader(json);
        return new SessionSettings(ConflictPolicy.valueOf(in.string("conflict_policy")),
                EvictionPolicy.valueOf(in.string("eviction_policy")), in.object("custom"));
    }

    static void device(Device device, JsonObjectWriter out) {
        DeviceDescription d = device.description();
        out.put("id", device.id().value())
                .put("kind", d.kind().wireName())
                .put("name", d.name())
                .put("user_agent", d.userAgent())
                .strings("capabilities", new TreeSet<>(d.capabilities()))
                .put("connected_at", device.connectedAt())
                .put("last_seen", device.lastSeen())
                .put("online", device.online());
    }

    public static Device device(JsonValue json) {
        JsonReader in = new JsonReader(json);
        Set<String> capabilities = new TreeSet<>();
        in.array("capabilities").forEach(c -> capabilities.add(((JsonString) c).value()));
        return new Device(new DeviceId(in.string("id")), new DeviceDescription(DeviceKind.parse(in.string("kind")),
                in.string("name"), in.string("user_agent"), capabilities), in.instant("connected_at"),
                in.instant("last_seen"), in.bool("online"));
    }

    public static String deviceText(Device device) {
        return JsonObjectWriter.text(out -> device(device, out));
    }

    public static Device deviceFromText(String text) {
        return device(JsonText.parse(text));
    }
}
