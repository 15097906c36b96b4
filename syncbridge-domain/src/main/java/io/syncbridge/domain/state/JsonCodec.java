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

    /** Appends the compact JSON text of {@code value} to {@code out} (for writers that stream a larger text). */
    public static void append(JsonValue value, StringBuilder out) {
        JsonWriter.append(value, out);
    }

    /** Appends {@code text} as a JSON string literal, quoted and escaped as {@link #write} does. */
    public static void appendString(String text, StringBuilder out) {
        JsonWriter.appendString(text, out);
    }

    /** The number of UTF-8 bytes of {@link #write}'s text for {@code value}, measured without writing it. */
    public static long length(JsonValue value) {
        return JsonMetrics.byteLength(value);
    }

    /** Compact JSON text with object members sorted by name: equal values give equal text. */
    public static String writeCanonical(JsonValue value) {
        return JsonWriter.write(value, true);
    }
}
