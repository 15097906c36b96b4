package io.syncbridge.adapter.javalin.ws;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncbridge.domain.state.JsonNull;
import io.syncbridge.domain.state.JsonObject;
import io.syncbridge.domain.state.JsonValue;
import java.util.Optional;

/**
 * A client message as the envelope rules read it: an integer {@code type} (the only required field),
 * an optional {@code correlation_id} echoed in the answer, and a payload that is an object, or
 * missing / null (read as empty); the correlation id is kept as the client's value, to be written back
 * as it came. Other fields, {@code timestamp} included, are ignored.
 */
record Envelope(MessageType type, Optional<JsonNode> correlationId, JsonObject payload) {

    static Envelope of(JsonValue root) throws InvalidMessage {
        if (!(root instanceof JsonObject message)) {
            throw new InvalidMessage("A message must be a JSON object");
        }
        JsonValue typeValue = message.get("type").orElse(JsonNull.INSTANCE);
        if (typeValue instanceof JsonNull) {
            throw new InvalidMessage("Field 'type' is required");
        }
        long code = Payloads.asLong(typeValue).orElseThrow(() -> new InvalidMessage("Field 'type' must be an integer"));
        MessageType type = MessageType.of(code)
                .orElseThrow(() -> new InvalidMessage("Unknown message type " + code));
        if (!type.fromClient) {
            throw new InvalidMessage("Message type " + code + " is sent by the server only");
        }
        JsonValue payload = message.get("payload").orElse(JsonNull.INSTANCE);
        JsonObject body;
        if (payload instanceof JsonNull) {
            body = JsonObject.EMPTY;
        } else if (payload instanceof JsonObject object) {
            body = object;
        } else {
            throw new InvalidMessage("Field 'payload' must be a JSON object");
        }
        return new Envelope(type, correlationOf(root), body);
    }

    /** The correlation id of anything that parsed as an object, even when the rest of it is invalid. */
    static Optional<JsonNode> correlationOf(JsonValue root) {
        if (!(root instanceof JsonObject message)) {
            return Optional.empty();
        }
        return message.get("correlation_id").filter(id -> !(id instanceof JsonNull)).map(WireJson::value);
    }
}
