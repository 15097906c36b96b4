package io.syncbridge.adapter.javalin.json;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.core.util.RecyclerPool;
import io.syncbridge.domain.state.JsonArray;
import io.syncbridge.domain.state.JsonBoolean;
import io.syncbridge.domain.state.JsonNull;
import io.syncbridge.domain.state.JsonNumber;
import io.syncbridge.domain.state.JsonObject;
import io.syncbridge.domain.state.JsonString;
import io.syncbridge.domain.state.JsonValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gateway's one JSON path: Jackson's streaming parser reads text straight into the domain's
 * {@link JsonValue} (strict: one document, no duplicate members, no lone surrogates, bounded
 * nesting, exact numbers) and its generator writes a {@code JsonValue} straight out, with no tree
 * in between.
 */
public final class JsonStream {

    /** Deeper than any legal document: state documents are limited to far less by the domain. */
    public static final int MAX_DEPTH = 128;

    /**
     * The parsers' and generators' buffers, shared by every thread. Jackson's default keeps them
     * per thread, and every WebSocket message and request here runs on a virtual thread of its
     * own: each parse allocated fresh buffers (most of what the server allocated per change).
     */
    public static final RecyclerPool<BufferRecycler> BUFFERS = JsonRecyclerPools.newBoundedPool(256);

    static final JsonFactory FACTORY = factory();

    /** A factory with the gateway's limits and shared buffers, for every Jackson user of the gateway. */
    public static JsonFactory factory() {
        return JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                .recyclerPool(BUFFERS)
                .build();
    }

    private JsonStream() {
    }

    /** Text that is not one strict JSON document; the message says what is wrong, for the client. */
    public static final class MalformedJson extends IllegalArgumentException {
        MalformedJson(String message) {
            super(message);
        }
    }

    public static JsonValue read(String text) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            return readDocument(parser);
        } catch (JacksonException e) {
            throw new MalformedJson(e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A UTF-8 document; an empty body reads as absent (null). */
    public static JsonValue read(byte[] utf8) {
        try (JsonParser parser = FACTORY.createParser(utf8)) {
            return readDocument(parser);
        } catch (JacksonException e) {
            throw new MalformedJson(e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonValue readDocument(JsonParser parser) throws IOException {
        JsonToken first = parser.nextToken();
        if (first == null) {
            return null;
        }
        JsonValue value = readValue(parser, first);
        if (parser.nextToken() != null) {
            throw new MalformedJson("Trailing data after the JSON document");
        }
        return value;
    }

    /** The value starting at {@code token}, the parser's current token; the parser ends on its last token. */
    static JsonValue readValue(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> {
                Map<String, JsonValue> members = new LinkedHashMap<>();
                JsonToken next;
                while ((next = parser.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = checkedText(parser.currentName());
                    JsonValue member = readValue(parser, parser.nextToken());
                    if (members.putIfAbsent(name, member) != null) {
                        throw new MalformedJson("Duplicate member '" + name + "'");
                    }
                }
                expect(next, JsonToken.END_OBJECT);
                yield new JsonObject(members);
            }
            case START_ARRAY -> {
                List<JsonValue> elements = new ArrayList<>();
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                    if (next == null) {
                        throw new MalformedJson("Unexpected end of input in an array");
                    }
                    elements.add(readValue(parser, next));
                }
                yield new JsonArray(elements);
            }
            case VALUE_STRING -> new JsonString(checkedText(parser.getText()));
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new JsonNumber(parser.getDecimalValue());
            case VALUE_TRUE -> JsonBoolean.TRUE;
            case VALUE_FALSE -> JsonBoolean.FALSE;
            case VALUE_NULL -> JsonNull.INSTANCE;
            default -> throw new MalformedJson("Unexpected " + token);
        };
    }

    private static void expect(JsonToken actual, JsonToken expected) {
        if (actual != expected) {
            throw new MalformedJson("Unexpected " + (actual == null ? "end of input" : actual.toString()));
        }
    }

    /** A string must be Unicode text: an escaped surrogate without its pair is refused, never replaced. */
    static String checkedText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                throw new MalformedJson("A string holds a lone surrogate (\\u" + Integer.toHexString(c) + ")");
            }
            if (Character.isLowSurrogate(c)) {
                throw new MalformedJson("A string holds a lone surrogate (\\u" + Integer.toHexString(c) + ")");
            }
        }
        return text;
    }

    /** Writes {@code value} as compact JSON, members in their order. */
    public static void write(JsonValue value, JsonGenerator generator) throws IOException {
        switch (value) {
            case JsonObject object -> {
                generator.writeStartObject();
                for (Map.Entry<String, JsonValue> member : object.members().entrySet()) {
                    generator.writeFieldName(member.getKey());
                    write(member.getValue(), generator);
                }
                generator.writeEndObject();
            }
            case JsonArray array -> {
                generator.writeStartArray();
                for (JsonValue element : array.elements()) {
                    write(element, generator);
                }
                generator.writeEndArray();
            }
            case JsonString string -> generator.writeString(string.value());
            case JsonNumber number -> generator.writeNumber(number.toJsonText());
            case JsonBoolean bool -> generator.writeBoolean(bool.value());
            case JsonNull ignored -> generator.writeNull();
        }
    }

    /** The compact UTF-8 text of {@code value}. */
    public static byte[] toBytes(JsonValue value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            write(value, generator);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
