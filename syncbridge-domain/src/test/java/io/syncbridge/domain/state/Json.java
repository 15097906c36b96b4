package io.syncbridge.domain.state;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test shorthands: JSON written with single quotes (for readability), read into the domain's
 * model with Jackson's streaming parser (the domain has no parser of its own), and patch
 * operations from text.
 */
final class Json {

    private static final JsonFactory FACTORY = new JsonFactory();

    private Json() {
    }

    static JsonValue value(String singleQuoted) {
        return parse(singleQuoted.replace('\'', '"'));
    }

    /** Strict JSON text as the domain's values. */
    static JsonValue parse(String text) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonValue value = read(parser, parser.nextToken());
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("trailing data in " + text);
            }
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonValue read(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> {
                Map<String, JsonValue> members = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    members.put(name, read(parser, parser.nextToken()));
                }
                yield new JsonObject(members);
            }
            case START_ARRAY -> {
                List<JsonValue> elements = new ArrayList<>();
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                    elements.add(read(parser, next));
                }
                yield new JsonArray(elements);
            }
            case VALUE_STRING -> new JsonString(parser.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new JsonNumber(parser.getDecimalValue());
            case VALUE_TRUE -> JsonBoolean.TRUE;
            case VALUE_FALSE -> JsonBoolean.FALSE;
            case VALUE_NULL -> JsonNull.INSTANCE;
            default -> throw new IllegalArgumentException("unexpected " + token);
        };
    }

    static JsonObject object(String singleQuoted) {
        return (JsonObject) value(singleQuoted);
    }

    static StateDocument document(String singleQuoted) {
        return StateDocument.of(object(singleQuoted));
    }

    static PatchOperation add(String path, String singleQuoted) {
        return new PatchOperation.Add(JsonPointer.parse(path), value(singleQuoted));
    }

    static PatchOperation replace(String path, String singleQuoted) {
        return new PatchOperation.Replace(JsonPointer.parse(path), value(singleQuoted));
    }

    static PatchOperation remove(String path) {
        return new PatchOperation.Remove(JsonPointer.parse(path));
    }

    static PatchOperation move(String from, String path) {
        return new PatchOperation.Move(JsonPointer.parse(from), JsonPointer.parse(path));
    }

    static PatchOperation copy(String from, String path) {
        return new PatchOperation.Copy(JsonPointer.parse(from), JsonPointer.parse(path));
    }

    static PatchOperation test(String path, String singleQuoted) {
        return new PatchOperation.Test(JsonPointer.parse(path), value(singleQuoted));
    }
}
