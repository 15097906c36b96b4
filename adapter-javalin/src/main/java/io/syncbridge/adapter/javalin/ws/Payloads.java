package io.syncbridge.adapter.javalin.ws;

import io.syncbridge.domain.state.JsonNull;
import io.syncbridge.domain.state.JsonNumber;
import io.syncbridge.domain.state.JsonObject;
import io.syncbridge.domain.state.JsonString;
import io.syncbridge.domain.state.JsonValue;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads typed fields out of a client payload; a field of the wrong type is an {@link InvalidMessage}.
 * A number is a JSON number: a string of digits is a string.
 */
final class Payloads {

    private Payloads() {
    }

    /** The member, absent when missing or null. */
    static Optional<JsonValue> member(JsonObject payload, String field) {
        return payload.get(field).filter(v -> !(v instanceof JsonNull));
    }

    static Optional<String> text(JsonObject payload, String field) throws InvalidMessage {
        Optional<JsonValue> value = member(payload, field);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (!(value.get() instanceof JsonString string)) {
            throw new InvalidMessage("Field '" + field + "' must be a string");
        }
        return Optional.of(string.value());
    }

    static String requiredText(JsonObject payload, String field) throws InvalidMessage {
        String value = text(payload, field).orElseThrow(() -> new InvalidMessage("Field '" + field + "' is required"));
        if (value.isEmpty()) {
            throw new InvalidMessage("Field '" + field + "' must not be empty");
        }
        return value;
    }

    static OptionalLong integer(JsonObject payload, String field) throws InvalidMessage {
        Optional<JsonValue> value = member(payload, field);
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        return asLong(value.get()).map(OptionalLong::of)
                .orElseThrow(() -> new InvalidMessage("Field '" + field + "' must be an integer"));
    }

    /** The value as a long when it is an integral JSON number that fits one. */
    static Optional<Long> asLong(JsonValue value) {
        if (value instanceof JsonNumber number && number.isIntegral()) {
            try {
                return Optional.of(number.value().longValueExact());
            } catch (ArithmeticException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    static long requiredCount(JsonObject payload, String field) throws InvalidMessage {
        long value = integer(payload, field).orElseThrow(() -> new InvalidMessage("Field '" + field + "' is required"));
        if (value < 0) {
            throw new InvalidMessage("Field '" + field + "' must not be negative");
        }
        return value;
    }

    static Optional<JsonObject> object(JsonObject payload, String field) throws InvalidMessage {
        Optional<JsonValue> value = member(payload, field);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (!(value.get() instanceof JsonObject object)) {
            throw new InvalidMessage("Field '" + field + "' must be an object");
        }
        return Optional.of(object);
    }
}
