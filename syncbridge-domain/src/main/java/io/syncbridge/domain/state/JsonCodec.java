package io.syncbridge.domain.state;

/**
 * JSON text of {@link JsonValue}s: the compact writer, and the canonical one that checksums are
 * taken over. Reading JSON is an adapter's job (the domain holds the model, not a parser).
 */
public final class JsonCodec {

    private JsonCodec() {
    }

    /** Compact JSON text, members in their order. */
    public static String write(JsonValue value) {
        return JsonWriter.write(value, false);
    }

    /** Compact JSON text with object members sorted by name: equal values give equal text. */
    public static String writeCanonical(JsonValue value) {
        return JsonWriter.write(value, true);
    }
}
