package io.syncbridge.port.out.codec;

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
import java.util.Objects;

/**
 * Reads back the JSON text the codecs and stores wrote (stored records, outbox events): a strict
 * RFC 8259 recursive-descent parser with no dependency, since this module may use none; every error
 * names the offset where it was found. Adapters only: nothing in the domain or the core parses
 * JSON, and the gateway reads client JSON with its own streaming reader.
 */
public final class JsonText {

    /** Nesting the parser accepts before refusing: above any state limit, below any stack risk. */
    static final int MAX_DEPTH = 128;

    /** Largest exponent magnitude accepted: far past real data, short of costly BigDecimal arithmetic. */
    static final int MAX_EXPONENT = 10_000;

    private static final int END = -1;

    private final String text;
    private int pos;
    private int depth;

    private JsonText(String text) {
        this.text = text;
    }

    /** Parses JSON text; throws IllegalArgumentException naming the offset of the first error. */
    public static JsonValue parse(String text) {
        JsonText parser = new JsonText(Objects.requireNonNull(text, "text"));
        parser.skipWhitespace();
        JsonValue value = parser.value();
        parser.skipWhitespace();
        if (parser.pos < text.length()) {
            throw parser.error("unexpected " + parser.describe(parser.peek()) + " after the value");
        }
        return value;
    }

    private JsonValue value() {
        int c = peek();
        return switch (c) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> new JsonString(string());
            case 't' -> literal("true", JsonBoolean.TRUE);
            case 'f' -> literal("false", JsonBoolean.FALSE);
            case 'n' -> literal("null", JsonNull.INSTANCE);
            default -> {
                if (c == '-' || isDigit(c)) {
                    yield number();
                }
                throw error("expected a value but found " + describe(c));
            }
        };
    }

    private JsonObject object() {
        enter();
        Map<String, JsonValue> members = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
        } else {
            while (true) {
                skipWhitespace();
                if (peek() != '"') {
                    throw error("expected a member name but found " + describe(peek()));
                }
                String name = string();
                skipWhitespace();
                expect(':');
                skipWhitespace();
                // A repeated name keeps its first position and takes the last value.
                members.put(name, value());
                skipWhitespace();
                if (peek() == '}') {
                    pos++;
                    break;
                }
                expect(',');
            }
        }
        depth--;
        return members.isEmpty() ? JsonObject.EMPTY : new JsonObject(members);
    }

    private JsonArray array() {
        enter();
        List<JsonValue> elements = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
        } else {
            while (true) {
                skipWhitespace();
                elements.add(value());
                skipWhitespace();
                if (peek() == ']') {
                    pos++;
                    break;
                }
                expect(',');
            }
        }
        depth--;
        return elements.isEmpty() ? JsonArray.EMPTY : new JsonArray(elements);
    }

    /** Consumes the opening bracket of a container, refusing nesting past the limit. */
    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH + " levels");
        }
        pos++;
    }

    private String string() {
        pos++;
        StringBuilder decoded = null;
        int runStart = pos;
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                String value = decoded == null
                        ? text.substring(runStart, pos)
                        : decoded.append(text, runStart, pos).toString();
                pos++;
                return value;
            }
            if (c == '\\') {
                if (decoded == null) {
                    decoded = new StringBuilder();
                }
                decoded.append(text, runStart, pos);
                decoded.append(escape());
                runStart = pos;
            } else if (c < 0x20) {
                throw error("unescaped control character " + describe(c) + " in a string");
            } else {
                pos++;
            }
        }
    }

    /** Decodes the escape at the backslash; a surrogate pair arrives as two escapes of one char each. */
    private char escape() {
        int start = pos;
        pos++;
        int c = peek();
        pos++;
        return switch (c) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '/' -> '/';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> unicode(start);
            default -> throw error(start, "invalid escape: backslash then " + describe(c));
        };
    }

    private char unicode(int escapeStart) {
        int code = 0;
        for (int i = 0; i < 4; i++) {
            int digit = hexValue(peek());
            if (digit < 0) {
                throw error(escapeStart, "a \\u escape needs four hex digits");
            }
            code = code << 4 | digit;
            pos++;
        }
        return (char) code;
    }

    private static int hexValue(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private JsonNumber number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
            if (isDigit(peek())) {
                throw error(pos - 1, "a number has no leading zeros");
            }
        } else {
            digits("a digit");
        }
        if (peek() == '.') {
            pos++;
            digits("a digit after the decimal point");
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            int exponentStart = pos;
            if (!isDigit(peek())) {
                throw error("expected a digit in the exponent but found " + describe(peek()));
            }
            int exponent = 0;
            while (isDigit(peek())) {
                exponent = Math.min(exponent * 10 + peek() - '0', MAX_EXPONENT + 1);
                pos++;
            }
            if (exponent > MAX_EXPONENT) {
                throw error(exponentStart, "exponent beyond " + MAX_EXPONENT);
            }
        }
        BigDecimal value = new BigDecimal(text.substring(start, pos));
        // Digits can move the magnitude past the limit too; a value must survive a round trip.
        long magnitude = (long) value.precision() - value.scale() - 1;
        if (value.signum() != 0 && Math.abs(magnitude) > MAX_EXPONENT) {
            throw error(start, "number magnitude beyond 1e" + MAX_EXPONENT);
        }
        return new JsonNumber(value);
    }

    private void digits(String expected) {
        if (!isDigit(peek())) {
            throw error("expected " + expected + " but found " + describe(peek()));
        }
        while (isDigit(peek())) {
            pos++;
        }
    }

    private JsonValue literal(String word, JsonValue value) {
        if (!text.startsWith(word, pos)) {
            throw error("invalid literal, expected '" + word + "'");
        }
        pos += word.length();
        return value;
    }

    private void expect(char expected) {
        if (peek() != expected) {
            throw error("expected '" + expected + "' but found " + describe(peek()));
        }
        pos++;
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private int peek() {
        return pos < text.length() ? text.charAt(pos) : END;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private String describe(int c) {
        if (c == END) {
            return "end of input";
        }
        return c > 0x20 && c < 0x7f ? "'" + (char) c + "'" : String.format("U+%04X", c);
    }

    private IllegalArgumentException error(String message) {
        return error(pos, message);
    }

    private IllegalArgumentException error(int offset, String message) {
        return new IllegalArgumentException("Invalid JSON at offset " + offset + ": " + message);
    }
}
