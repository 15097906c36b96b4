package io.syncbridge.domain.state;

import java.util.List;
import java.util.Map;

/** Measures JSON values without encoding them: the UTF-8 size of their compact text and their depth. */
final class JsonMetrics {

    private JsonMetrics() {
    }

    /** The number of UTF-8 bytes of {@code JsonCodec.write(value)}. */
    static long byteLength(JsonValue value) {
        return switch (value) {
            case JsonObject object -> objectLength(object.members());
            case JsonArray array -> arrayLength(array.elements());
            case JsonString string -> stringLength(string.value());
            case JsonNumber number -> number.jsonTextLength();
            case JsonBoolean bool -> bool.value() ? 4 : 5;
            case JsonNull ignored -> 4;
        };
    }

    /** The number of UTF-8 bytes of a string written as JSON, quotes included. */
    static long stringLength(String text) {
        long bytes = 2;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\' || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t') {
                bytes += 2;
            } else if (c < 0x20) {
                bytes += 6;
            } else if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (isPairAt(text, i)) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                bytes += 6;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** The number of nested containers: 0 for a scalar, 1 for a flat object or array. */
    static int depth(JsonValue value) {
        switch (value) {
            case JsonObject object -> {
                // forEach like the writer and objectLength: a values() view would make an entry per member.
                int[] deepest = {0};
                object.members().forEach((name, member) -> deepest[0] = Math.max(deepest[0], depth(member)));
                return deepest[0] + 1;
            }
            case JsonArray array -> {
                int deepest = 0;
                for (JsonValue element : array.elements()) {
                    deepest = Math.max(deepest, depth(element));
                }
                return deepest + 1;
            }
            default -> {
                return 0;
            }
        }
    }

    /** True when a high surrogate at {@code index} is followed by a low one: one supplementary character. */
    static boolean isPairAt(String text, int index) {
        return Character.isHighSurrogate(text.charAt(index)) && index + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(index + 1));
    }

    private static long objectLength(Map<String, JsonValue> members) {
        long[] bytes = {2 + Math.max(0, members.size() - 1)};
        members.forEach((name, value) -> bytes[0] += stringLength(name) + 1 + byteLength(value));
        return bytes[0];
    }

    private static long arrayLength(List<JsonValue> elements) {
        long bytes = 2 + Math.max(0, elements.size() - 1);
        for (JsonValue element : elements) {
            bytes += byteLength(element);
        }
        return bytes;
    }
}
