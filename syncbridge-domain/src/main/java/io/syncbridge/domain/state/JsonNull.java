package io.syncbridge.domain.state;

/** The JSON null. */
public record JsonNull() implements JsonValue {
    public static final JsonNull INSTANCE = new JsonNull();
}
