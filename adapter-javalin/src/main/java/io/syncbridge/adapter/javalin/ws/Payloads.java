package io.syncbridge.adapter.javalin.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.OptionalLong;

/** Reads typed fields out of a client payload; a field of the wrong type is an {@link InvalidMessage}. */
final class Payloads {

    private Payloads() {
    }

    static Optional<String> text(ObjectNode payload, String field) throws InvalidMessage {
        JsonNode node = payload.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw new InvalidMessage("Field '" + field + "' must be a string");
        }
        return Optional.of(node.textValue());
    }

    static String requiredText(ObjectNode payload, String field) throws InvalidMessage {
        String value = text(payload, field).orElseThrow(() -> new InvalidMessage("Field '" + field + "' is required"));
        if (value.isEmpty()) {
            throw new InvalidMessage("Field '" + field + "' must not be empty");
        }
        return value;
    }

    static OptionalLong integer(ObjectNode payload, String field) throws InvalidMessage {
        JsonNode node = payload.get(field);
        if (node == null || node.isNull()) {
            return OptionalLong.empty();
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new InvalidMessage("Field '" + field + "' must be an integer");
        }
        return OptionalLong.of(node.longValue());
    }

    static long requiredCount(ObjectNode payload, String field) throws InvalidMessage {
        long value = integer(payload, field).orElseThrow(() -> new InvalidMessage("Field '" + field + "' is required"));
        if (value < 0) {
            throw new InvalidMessage("Field '" + field + "' must not be negative");
        }
        return value;
    }

    static Optional<ObjectNode> object(ObjectNode payload, String field) throws InvalidMessage {
        JsonNode node = payload.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            throw new InvalidMessage("Field '" + field + "' must be an object");
        }
        return Optional.of((ObjectNode) node);
    }
}
