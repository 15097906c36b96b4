package io.syncbridge.loadgen;

import io.syncbridge.domain.state.JsonArray;
import io.syncbridge.adapter.javalin.json.JsonStream;
import io.syncbridge.domain.state.JsonCodec;
import io.syncbridge.domain.state.JsonNumber;
import io.syncbridge.domain.state.JsonObject;
import io.syncbridge.domain.state.JsonString;
import io.syncbridge.domain.state.JsonValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The WebSocket frames of the load run (see PROTOCOL.md), written and read with the domain's JSON
 * codec. Every update's value carries the send time, {@code {"sent_ns": …, "pad": "…"}}, so that a
 * receiver in this process can tell how long its broadcast took.
 */
final class WireMessages {

    static final int STATE_UPDATE = 5;
    static final int ERROR = 6;
    static final int AUTH = 7;
    static final int AUTH_SUCCESS = 8;
    static final int AUTH_FAILURE = 9;
    static final int CHANGE = 10;
    static final int DELTA = 11;
    static final int CHANGE_ACK = 12;
    static final int CONFLICT = 13;

    private WireMessages() {
    }

    /** Auth (7) with a session-scoped token, asking for the v2 messages. */
    static String authV2(String token) {
        return envelope(AUTH, object("token", new JsonString(token), "protocol", JsonNumber.of(2),
                "device", object("type", new JsonString("other"), "name", new JsonString("load-generator"))));
    }

    /** v1 StateUpdate (5): SET of a top-level key. */
    static String stateUpdate(String key, JsonValue value) {
        return envelope(STATE_UPDATE, object("key", new JsonString(key), "value", value,
                "operation", new JsonString("SET")));
    }

    /** v2 Change (10): one {@code add} of a top-level key. */
    static String change(String mutationId, long baseVersion, String key, JsonValue value) {
        JsonObject add = object("op", new JsonString("add"), "path", new JsonString("/" + key), "value", value);
        return envelope(CHANGE, object("mutation_id", new JsonString(mutationId),
                "base_version", JsonNumber.of(baseVersion), "ops", new JsonArray(List.of(add))));
    }

    /** The value an update sets: its send time, padded to the size asked. */
    static JsonValue timedValue(long sentNanos, String padding) {
        return object("sent_ns", JsonNumber.of(sentNanos), "pad", new JsonString(padding));
    }

    /** One frame from the server: its type and payload ({} when it had none). */
    record Incoming(int type, JsonObject payload) {

        Optional<String> text(String field) {
            return payload.get(field).filter(JsonString.class::isInstance).map(v -> ((JsonString) v).value());
        }

        /** A text field of the payload's {@code details} object (an Error names the mutation id there). */
        Optional<String> detail(String field) {
            return payload.get("details").filter(JsonObject.class::isInstance)
                    .flatMap(details -> ((JsonObject) details).get(field))
                    .filter(JsonString.class::isInstance).map(v -> ((JsonString) v).value());
        }

        OptionalLong number(String field) {
            return payload.get(field).filter(JsonNumber.class::isInstance)
                    .map(v -> OptionalLong.of(((JsonNumber) v).value().longValue())).orElse(OptionalLong.empty());
        }

        /**
         * The send time inside an update this frame carries: a v1 StateUpdate's {@code value}, or
         * the value of a v2 Delta's first operation. Empty for anything else.
         */
        OptionalLong sentNanos() {
            Optional<JsonValue> value = switch (type) {
                case STATE_UPDATE -> payload.get("value");
                case DELTA -> payload.get("ops").filter(JsonArray.class::isInstance)
                        .map(ops -> ((JsonArray) ops).elements())
                        .filter(ops -> !ops.isEmpty() && ops.get(0) instanceof JsonObject)
                        .flatMap(ops -> ((JsonObject) ops.get(0)).get("value"));
                default -> Optional.empty();
            };
            return value.filter(JsonObject.class::isInstance)
                    .flatMap(v -> ((JsonObject) v).get("sent_ns"))
                    .filter(JsonNumber.class::isInstance)
                    .map(n -> OptionalLong.of(((JsonNumber) n).value().longValue()))
                    .orElse(OptionalLong.empty());
        }
    }

    /** Reads a server frame; IllegalArgumentException when it is not a JSON object with a numeric type. */
    static Incoming read(String text) {
        if (!(JsonStream.read(text) instanceof JsonObject frame)) {
            throw new IllegalArgumentException("a frame that is not a JSON object");
        }
        if (!(frame.members().get("type") instanceof JsonNumber type)) {
            throw new IllegalArgumentException("a frame without a numeric type");
        }
        JsonObject payload = frame.members().get("payload") instanceof JsonObject p ? p : JsonObject.EMPTY;
        return new Incoming(type.value().intValue(), payload);
    }

    private static String envelope(int type, JsonObject payload) {
        Map<String, JsonValue> frame = new LinkedHashMap<>();
        frame.put("type", JsonNumber.of(type));
        frame.put("payload", payload);
        return JsonCodec.write(new JsonObject(frame));
    }

    private static JsonObject object(Object... namesAndValues) {
        Map<String, JsonValue> members = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            members.put((String) namesAndValues[i], (JsonValue) namesAndValues[i + 1]);
        }
        return new JsonObject(members);
    }
}
