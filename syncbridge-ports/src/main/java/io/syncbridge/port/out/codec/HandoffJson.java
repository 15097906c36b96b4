package io.syncbridge.port.out.codec;

import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.handoff.Handoff;
import io.syncbridge.domain.handoff.HandoffId;
import io.syncbridge.domain.handoff.HandoffToken;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.UserId;
import io.syncbridge.domain.state.JsonValue;
import java.util.Optional;

/** Stored JSON form of handoffs (in events and the audit) and of handoff tokens. */
public final class HandoffJson {

    private HandoffJson() {
    }

    /** The handoff's members, its session named by {@code sessionId} (the stored or the client's id). */
    static void handoff(Handoff handoff, String sessionId, JsonObjectWriter out) {
        out.put("id", handoff.id().value())
                .put("session_id", sessionId)
                .putOptional("from_device", Optional.ofNullable(handoff.fromDevice()))
                .put("to_device", handoff.toDevice().value())
                .put("version", handoff.version())
                .put("started_at", handoff.startedAt())
                .put("completed_at", handoff.completedAt());
    }


    public static Handoff handoff(JsonValue json) {
        JsonReader in = new JsonReader(json);
        return new Handoff(new HandoffId(in.string("id")), new SessionId(in.string("session_id")),
                in.optionalString("from_device").map(DeviceId::new).orElse(null), new DeviceId(in.string("to_device")),
                in.number("version"), in.instant("started_at"), in.instant("completed_at"));
    }

    private static void handoffToken(HandoffToken token, JsonObjectWriter out) {
        out.put("token", token.token())
                .put("session_id", token.sessionId().value())
                .put("owner", token.owner().value())
                .put("issued_by", token.issuedBy().value())
                .put("issued_at", token.issuedAt())
                .put("expires_at", token.expiresAt());
    }

    public static HandoffToken handoffToken(JsonValue json) {
        JsonReader in = new JsonReader(json);
        return new HandoffToken(in.string("token"), new SessionId(in.string("session_id")),
                new UserId(in.string("owner")), new DeviceId(in.string("issued_by")), in.instant("issued_at"),
                in.instant("expires_at"));
    }

    public static String handoffTokenText(HandoffToken token) {
        return JsonObjectWriter.text(out -> handoffToken(token, out));
    }

    public static HandoffToken handoffTokenFromText(String text) {
        return handoffToken(JsonText.parse(text));
    }
}
