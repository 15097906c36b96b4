package io.syncbridge.client;

import io.syncbridge.domain.state.JsonArray;
import io.syncbridge.domain.state.JsonBoolean;
import io.syncbridge.domain.state.JsonNull;
import io.syncbridge.domain.state.JsonNumber;
import io.syncbridge.domain.state.JsonObject;
import io.syncbridge.domain.state.JsonString;
import io.syncbridge.domain.state.JsonValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON text to and from the domain's JSON model, for the client's frames and its journal. The
 * client's own codec: parsing is an adapter's job, and the client may use nothing but the JDK.
 */
final class WireJson {

    private static final int MAX_DEPTH = 128;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final String text;
    private int at;

    private WireJson(String text) {
        this.text = text;
    }

    /** Parses one JSON value; throws IllegalArgumentException naming the offset of the problem. */
    static JsonValue parse(String text) {
        WireJson parser = new WireJson(text);
        parser.skipSpace();
        JsonValue value = parser.value(0);
        parser.skipSpace();
        if (parser.at != text.length()) {
            throw parser.problem("trailing data");
        }
        return value;
    }

    static JsonObject parseObject(String text) {
        if (parse(text) instanceof JsonObject object) {
            return object;
        }
        throw new IllegalArgumentException("expected a JSON object");
    }

    static String write(JsonValue value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    static void write(JsonValue value, StringBuilder out) {
        switch (value) {
            case JsonObject object -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<String, JsonValue> member : object.members().entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    string(member.getKey(), out);
                    out.append(':');
                    write(member.getValue(), out);
                }
                out.append('}');
            }
            case JsonArray array -> {
                out.append('[');
                for (int i = 0; i < array.elements().size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(array.elements().get(i), out);
                }
                out.append(']');
            }
            case JsonString string -> string(string.value(), out);
            case JsonNumber number -> out.append(number.toJsonText());
            case JsonBoolean bool -> out.append(bool.value());
            case JsonNull ignored -> out.append("null");
        }
    }

    private static void string(String value, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private JsonValue value(int depth) {
        if (depth > MAX_DEPTH) {
            throw problem("nesting deeper than " + MAX_DEPTH);
        }
        if (at >= text.length()) {
            throw problem("unexpected end");
        }
        char c = text.charAt(at);
        return switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> new JsonString(string());
            case 't' -> literal("true", JsonBoolean.TRUE);
            case 'f' -> literal("false", JsonBoolean.FALSE);
            case 'n' -> literal("null", JsonNull.INSTANCE);
            default -> number();
        };
    }

    private JsonObject object(int depth) {
        at++;
        Map<String, JsonValue> members = new LinkedHashMap<>();
        skipSpace();
        if (peek() == '}') {
            at++;
            return new JsonObject(members);
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw problem("expected a member name");
            }
            String name = string();
            skipSpace();
            expect(':');
            skipSpace();
            members.put(name, value(depth + 1));
            skipSpace();
            char next = next();
            if (next == '}') {
                return new JsonObject(members);
            }
            if (next != ',') {
                throw problem("expected ',' or '}'");
            }
        }
    }

    private JsonArray array(int depth) {
        at++;
        List<JsonValue> elements = new ArrayList<>();
        skipSpace();
        if (peek() == ']') {
            at++;
            return new JsonArray(elements);
        }
        while (true) {
            skipSpace();
            elements.add(value(depth + 1));
            skipSpace();
            char next = next();
            if (next == ']') {
                return new JsonArray(elements);
            }
            if (next != ',') {
                throw problem("expected ',' or ']'");
            }
        }
    }

    private String string() {
        at++;
        StringBuilder out = null;
        int start = at;
        while (true) {
            if (at >= text.length()) {
                throw problem("unterminated string");
            }
            char c = text.charAt(at);
            if (c == '"') {
                String value = out == null ? text.substring(start, at) : out.append(text, start, at).toString();
                at++;
                return value;
            }
            if (c < 0x20) {
                throw problem("control character in a string");
            }
            if (c == '\\') {
                if (out == null) {
                    out = new StringBuilder();
                }
                out.append(text, start, at);
                at++;
                char escape = next();
                switch (escape) {
                    case '"', '\\', '/' -> out.append(escape);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        if (at + 4 > text.length()) {
                            throw problem("short \\u escape");
                        }
                        try {
                            out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        } catch (NumberFormatException e) {
                            throw problem("bad \\u escape");
                        }
                        at += 4;
                    }
                    default -> throw problem("bad escape");
                }
                start = at;
            } else {
                at++;
            }
        }
    }

    private JsonValue number() {
        int start = at;
        if (peek() == '-') {
            at++;
        }
        while (at < text.length() && "0123456789.eE+-".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
        if (start == at) {
            throw problem("unexpected character '" + text.charAt(at) + "'");
        }
        try {
            return new JsonNumber(new BigDecimal(text.substring(start, at)));
        } catch (NumberFormatException e) {
            throw problem("bad number");
        }
    }

    private JsonValue literal(String word, JsonValue value) {
        if (!text.startsWith(word, at)) {
            throw problem("expected " + word);
        }
        at += word.length();
        return value;
    }

    private void skipSpace() {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            at++;
        }
    }

    private char peek() {
        return at < text.length() ? text.charAt(at) : '\0';
    }

    private char next() {
        if (at >= text.length()) {
            throw problem("unexpected end");
        }
        return text.charAt(at++);
    }

    private void expect(char c) {
        if (next() != c) {
            throw problem("expected '" + c + "'");
        }
    }

    private IllegalArgumentException problem(String what) {
        return new IllegalArgumentException("Malformed JSON at offset " + at + ": " + what);
    }
}
