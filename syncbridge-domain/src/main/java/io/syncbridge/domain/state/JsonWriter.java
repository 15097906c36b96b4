package io.syncbridge.domain.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Writes compact JSON text, members in order or (canonical) sorted by name. */
final class JsonWriter {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder out;
    private final boolean canonical;

    private JsonWriter(StringBuilder out, boolean canonical) {
        this.out = out;
        this.canonical = canonical;
    }

    static String write(JsonValue value, boolean canonical) {
        StringBuilder out = new StringBuilder();
        new JsonWriter(out, canonical).value(value);
        return out.toString();
    }

    static void append(JsonValue value, StringBuilder out) {
        new JsonWriter(out, false).value(value);
    }

    static void appendString(String text, StringBuilder out) {
        new JsonWriter(out, false).string(text);
    }

    private void value(JsonValue value) {
        switch (value) {
            case JsonObject object -> object(object.members());
            case JsonArray array -> array(array.elements());
            case JsonString string -> string(string.value());
            case JsonNumber number -> out.append(number.toJsonText());
            case JsonBoolean bool -> out.append(bool.value());
            case JsonNull ignored -> out.append("null");
        }
    }

    private void object(Map<String, JsonValue> members) {
        out.append('{');
        if (canonical) {
            boolean first = true;
            List<String> sorted = new ArrayList<>(members.keySet());
            sorted.sort(null);
            for (String name : sorted) {
                first = member(first, name, members.get(name));
            }
        } else {
            // One walk of the members, no lookup per member, and no entry made for a small object's.
            boolean[] first = {true};
            members.forEach((name, value) -> first[0] = member(first[0], name, value));
        }
        out.append('}');
    }

    private boolean member(boolean first, String name, JsonValue value) {
        if (!first) {
            out.append(',');
        }
        string(name);
        out.append(':');
        value(value);
        return false;
    }

    private void array(List<JsonValue> elements) {
        out.append('[');
        for (int i = 0; i < elements.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            value(elements.get(i));
        }
        out.append(']');
    }

    // JsonMetrics.stringLength mirrors these rules: change both together.
    private void string(String text) {
        out.append('"');
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        unicodeEscape(c);
                    } else if (JsonMetrics.isPairAt(text, i)) {
                        out.append(c).append(text.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        // A lone surrogate has no UTF-8 form: the escape keeps it without loss.
                        unicodeEscape(c);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private void unicodeEscape(char c) {
        out.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF])
                .append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
    }
}
