package io.syncbridge.adapter.javalin.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * A client message as the envelope rules read it: an integer {@code type} (the only required field),
 * an optional {@code correlation_id} echoed in the answer, and a payload that is an object, or
 * missing / null (read as empty). Other fields, {@code timestamp} included, are ignored.
 */
record Envelope(MessageType type, Optional<JsonNode> correlationId, ObjectNode payload) {

    static Envelope of(JsonNode root) throws InvalidMessage {
        if (!root.isObject()) {
            throw new InvalidMessage("A message must be a JSON object");
        }
        JsonNode typeNode = root.get("type");
        if (typeNode == null || typeNode.isNull()) {
            throw new InvalidMessage("Field 'type' is required");
        }
        if (!typeNode.isIntegralNumber() || !typeNode.canConvertToLong()) {
            throw new InvalidMessage("Field 'type' must be an integer");
        }
        long code = typeNode.longValue();
        MessageType type = MessageType.of(code)
                .orElseThrow(() -> new InvalidMessage("Unknown message type " + code));
        if (!type.fromClient) {
            throw new InvalidMessage("Message type " + code + " is sent by the server only");
        }
        JsonNode payload = root.get("payload");
        ObjectNode body;
        if (payload == null || payload.isNull()) {
            body = WireJson.object();
        } else if (payload.isObject()) {
            body = (ObjectNode) payload;
        } else {
            throw new InvalidMessage("Field 'payload' must be a JSON object");
        }
        return new Envelope(type, correlationOf(root), body);
    }

    /** The correlation id of anything that parsed as an object, even when the rest of it is invalid. */
    static Optional<JsonNode> correlationOf(JsonNode root) {
        if (root == null || !root.isObject()) {
            return Optional.empty();
        }
        JsonNode id = root.get("correlation_id");
        return id == null || id.isNull() ? Optional.empty() : Optional.of(id);
    }
}
