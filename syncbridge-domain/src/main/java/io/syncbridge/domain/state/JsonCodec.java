package io.syncbridge.domain.state;

import java.util.Objects;

/** JSON text for {@link JsonValue}s: a strict RFC 8259 parser and a compact writer, dependency-free. */
public final class JsonCodec {

    /** Nesting a parser accepts before refusing: above any state limit, below any stack risk. */
    public static final int MAX_PARSE_DEPTH = 128;

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

    /** Parses JSON text; throws IllegalArgumentException naming the offset of the first error. */
    public static JsonValue parse(String text) {
        return JsonParser.parse(Objects.requireNonNull(text, "text"));
    }
}
