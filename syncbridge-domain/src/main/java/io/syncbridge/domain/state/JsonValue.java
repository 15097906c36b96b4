package io.syncbridge.domain.state;

/**
 * A node of a state document: the JSON data model, owned by the domain so that no adapter's
 * JSON library leaks into the core.
 */
public sealed interface JsonValue permits JsonObject, JsonArray, JsonString, JsonNumber, JsonBoolean, JsonNull {

    static JsonValue of(String value) {
        return value == null ? JsonNull.INSTANCE : new JsonString(value);
    }

    static JsonValue of(long value) {
        return JsonNumber.of(value);
    }

    static JsonValue of(boolean value) {
        return value ? JsonBoolean.TRUE : JsonBoolean.FALSE;
    }

    static JsonValue nullValue() {
        return JsonNull.INSTANCE;
    }
}
