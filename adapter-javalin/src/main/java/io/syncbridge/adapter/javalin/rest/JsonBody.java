package io.syncbridge.adapter.javalin.rest;

import io.javalin.http.Context;
import io.syncbridge.adapter.javalin.json.JsonStream;
import io.syncbridge.domain.error.SyncError;
import io.syncbridge.domain.state.JsonNull;
import io.syncbridge.domain.state.JsonNumber;
import io.syncbridge.domain.state.JsonObject;
import io.syncbridge.domain.state.JsonString;
import io.syncbridge.domain.state.JsonValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A request's JSON object body, read once by {@link JsonStream} into the domain's values, with
 * typed, validating accessors: a body that is not JSON is a 400 INVALID_REQUEST, a field of the
 * wrong type or out of range a 400 VALIDATION_ERROR naming it. A number is a JSON number, as on the
 * WebSocket: {@code "1"} is a string. Form-encoded bodies (OAuth-style token requests) are read as
 * an object of strings.
 */
final class JsonBody {

    private final JsonObject object;

    private JsonBody(JsonObject object) {
        this.object = object;
    }

    /** The body as a JSON object; an empty body is an empty object. */
    public static JsonBody of(Context ctx) {
        String contentType = ctx.contentType();
        byte[] bytes = ctx.bodyAsBytes();
        // curl -d sends JSON labelled as a form; a body that opens like JSON is read as JSON.
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")
                && !looksLikeJson(bytes)) {
            Map<String, JsonValue> form = new LinkedHashMap<>();
            for (Map.Entry<String, List<String>> e : ctx.formParamMap().entrySet()) {
                if (!e.getValue().isEmpty()) {
                    form.put(e.getKey(), new JsonString(e.getValue().get(0)));
                }
            }
            return new JsonBody(new JsonObject(form));
        }
        JsonValue parsed;
        try {
            parsed = JsonStream.read(bytes);
        } catch (JsonStream.MalformedJson e) {
            throw ApiException.invalidRequest("Request body is not valid JSON: " + e.getMessage());
        }
        if (parsed == null) {
            return new JsonBody(JsonObject.EMPTY);
        }
        if (!(parsed instanceof JsonObject object)) {
            throw ApiException.invalidRequest("Request body must be a JSON object");
        }
        return new JsonBody(object);
    }

    private static boolean looksLikeJson(byte[] bytes) {
        for (byte b : bytes) {
            if (!Character.isWhitespace(b)) {
                return b == '{' || b == '[';
            }
        }
        return false;
    }

    /** The member as sent, or null when the body has none. */
    public JsonValue member(String field) {
        return object.members().get(field);
    }

    public boolean has(String field) {
        JsonValue value = object.members().get(field);
        return value != null && !(value instanceof JsonNull);
    }

    public Optional<String> text(String field) {
        JsonValue value = object.members().get(field);
        if (value == null || value instanceof JsonNull) {
            return Optional.empty();
        }
        if (!(value instanceof JsonString string)) {
            throw new SyncError.ValidationFailed(field + " must be a string");
        }
        return Optional.of(string.value());
    }

    public String requiredText(String field) {
        return text(field).filter(s -> !s.isEmpty())
                .orElseThrow(() -> new SyncError.ValidationFailed(field + " is required"));
    }

    /** The first of several accepted spellings of a field (camelCase and the v1 snake_case). */
    public Optional<String> text(String field, String alias) {
        return text(field).or(() -> text(alias));
    }

    public OptionalLong integer(String field) {
        JsonValue value = object.members().get(field);
        if (value == null || value instanceof JsonNull) {
            return OptionalLong.empty();
        }
        if (value instanceof JsonNumber number && number.isIntegral()) {
            try {
                return OptionalLong.of(number.value().longValueExact());
            } catch (ArithmeticException e) {
                throw new SyncError.ValidationFailed(field + " must be an integer");
            }
        }
        throw new SyncError.ValidationFailed(field + " must be an integer");
    }

    public Optional<JsonObject> object(String field) {
        JsonValue value = object.members().get(field);
        if (value == null || value instanceof JsonNull) {
            return Optional.empty();
        }
        if (!(value instanceof JsonObject member)) {
            throw new SyncError.ValidationFailed(field + " must be a JSON object");
        }
        return Optional.of(member);
    }
}
