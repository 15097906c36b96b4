package io.syncbridge.port.out.codec;

import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.handoff.Handoff;
import io.syncbridge.domain.handoff.HandoffId;
import io.syncbridge.domain.handoff.HandoffToken;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.UserId;
import io.syncbridge.domain.state.JsonCodec;
import io.syncbridge.domain.state.JsonObject;
import io.syncbridge.domain.state.JsonValue;
import java.util.Optional;

/** Stored JSON form of handoffs (in events and the audit) and of handoff tokens. */
public final class HandoffJson {

    private HandoffJson() {
    }

    public static JsonObject handoff(Handoff handoff) {
        return new JsonBuilder()
                .put("id", handoff.id().value())
                .put("session_id", handoff.sessionId().value())
                .putOptional("from_device", Optional.ofNullable(handoff.fromDevice()))
                .put("to_device", handoff.toDevice().value())
                .put("version", handoff.version())
                .put("started_at", handoff.startedAt())
                .put("completed_at", handoff.completedAt())
                .build();
    }

    public static Handoff handoff(JsonValue json) {
        JsonReader in = new JsonReader(json);
        return new Handoff(new HandoffId(in.string("id")), new SessionId(in.string("session_id")),
                in.optionalString("from_device").map(DeviceId::new).orElse(null), new DeviceId(in.string("to_device")),
                in.number("version"), in.instant("started_at"), in.instant("completed_at"));
    }

    public static JsonObject handoffToken(HandoffToken token) {
        return new JsonBuilder()
                .put("token", token.token())
                .put("session_id", token.sessionId().value())
                .put("owner", token.owner().value())
                .put("issued_by", token.issuedBy().value())
                .put("issued_at", token.issuedAt())
                .put("expires_at", token.expiresAt())
                .build();
    }

    public static HandoffToken handoffToken(JsonValue json) {
        JsonReader in = new JsonReader(json);
        return new HandoffToken(in.string("token"), new SessionId(in.string("session_id")),
                new UserId(in.string("owner")), new DeviceId(in.string("issued_by")), in.instant("issued_at"),
                in.instant("expires_at"));
    }

    public static String handoffTokenText(HandoffToken token) {
        return JsonCodec.write(handoffToken(token));
    }

    public static HandoffToken handoffTokenFromText(String text) {
        return handoffToken(JsonText.parse(text));
    }
}
