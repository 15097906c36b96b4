package io.syncbridge.port.out.codec;

import io.syncbridge.domain.state.JsonArray;
import io.syncbridge.domain.state.JsonBoolean;
import io.syncbridge.domain.state.JsonNull;
import io.syncbridge.domain.state.JsonNumber;
import io.syncbridge.domain.state.JsonObject;
import io.syncbridge.domain.state.JsonString;
import io.syncbridge.domain.state.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Typed reads of the members of a stored JSON object; a missing or mistyped member is a corrupt record. */
final class JsonReader {

    private final JsonObject object;

    JsonReader(JsonValue value) {
        if (!(value instanceof JsonObject o)) {
            throw new IllegalArgumentException("expected a JSON object, got " + value);
        }
        this.object = o;
    }

    JsonValue value(String name) {
        return object.get(name).orElseThrow(() -> new IllegalArgumentException("missing member '" + name + "'"));
    }

    Optional<JsonValue> optional(String name) {
        return object.get(name).filter(v -> !(v instanceof JsonNull));
    }

    String string(String name) {
        return asString(name, value(name));
    }

    Optional<String> optionalString(String name) {
        return optional(name).map(v -> asString(name, v));
    }

    long number(String name) {
        if (value(name) instanceof JsonNumber n) {
            return n.value().longValueExact();
        }
        throw new IllegalArgumentException("member '" + name + "' is not a number");
    }

    boolean bool(String name) {
        if (value(name) instanceof JsonBoolean b) {
            return b.value();
        }
        throw new IllegalArgumentException("member '" + name + "' is not a boolean");
    }

    Instant instant(String name) {
        return IsoInstants.parse(string(name));
    }

    Optional<Instant> optionalInstant(String name) {
        return optionalString(name).map(IsoInstants::parse);
    }

    JsonObject object(String name) {
        if (value(name) instanceof JsonObject o) {
            return o;
        }
        throw new IllegalArgumentException("member '" + name + "' is not an object");
    }

    List<JsonValue> array(String name) {
        if (value(name) instanceof JsonArray a) {
            return a.elements();
        }
        throw new IllegalArgumentException("member '" + name + "' is not an array");
    }

    private static String asString(String name, JsonValue value) {
        if (value instanceof JsonString s) {
            return s.value();
        }
        throw new IllegalArgumentException("member '" + name + "' is not a string");
    }
}
