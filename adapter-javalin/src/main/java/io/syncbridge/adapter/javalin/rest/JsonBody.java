package io.syncbridge.adapter.javalin.rest;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.syncbridge.adapter.javalin.json.JsonValues;
import io.syncbridge.domain.error.SyncError;
import io.syncbridge.domain.state.JsonObject;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A request's JSON object body with typed, validating accessors: a body that is not JSON is a 400
 * INVALID_REQUEST, a field of the wrong type or out of range a 400 VALIDATION_ERROR naming it.
 * Form-encoded bodies (OAuth-style token requests) are read as an object of strings.
 */
public final class JsonBody {

    private final ObjectNode node;

    private JsonBody(ObjectNode node) {
        this.node = node;
    }

    /** The body as a JSON object; an empty body is an empty object. */
    public static JsonBody of(Context ctx, ObjectMapper mapper) {
        String contentType = ctx.contentType();
        byte[] bytes = ctx.bodyAsBytes();
        // curl -d sends JSON labelled as a form; a body that opens like JSON is read as JSON.
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")
                && !looksLikeJson(bytes)) {
            ObjectNode form = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, List<String>> e : ctx.formParamMap().entrySet()) {
                if (!e.getValue().isEmpty()) {
                    form.put(e.getKey(), e.getValue().get(0));
                }
            }
            return new JsonBody(form);
        }
        if (bytes.length == 0) {
            return new JsonBody(JsonNodeFactory.instance.objectNode());
        }
        JsonNode parsed;
        try {
            parsed = mapper.readTree(bytes);
        } catch (JacksonException e) {
            throw ApiException.invalidRequest("Request body is not valid JSON");
        } catch (IOException e) {
            throw ApiException.invalidRequest("Request body could not be read");
        }
        if (parsed == null || parsed.isMissingNode()) {
            return new JsonBody(JsonNodeFactory.instance.objectNode());
        }
        if (!parsed.isObject()) {
            throw ApiException.invalidRequest("Request body must be a JSON object");
        }
        return new JsonBody((ObjectNode) parsed);
    }

    private static boolean looksLikeJson(byte[] bytes) {
        for (byte b : bytes) {
            if (!Character.isWhitespace(b)) {
                return b == '{' || b == '[';
            }
        }
        return false;
    }

    public JsonNode node(String field) {
        JsonNode value = node.get(field);
        return value == null ? MissingNode.getInstance() : value;
    }

    public boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    public Optional<String> text(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new SyncError.ValidationFailed(field + " must be a string");
        }
        return Optional.of(value.textValue());
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
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return OptionalLong.empty();
        }
        if (value.isTextual() && value.textValue().matches("-?\\d{1,18}")) {
            return OptionalLong.of(Long.parseLong(value.textValue()));
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new SyncError.ValidationFailed(field + " must be an integer");
        }
        return OptionalLong.of(value.longValue());
    }

    public Optional<JsonObject> object(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        return Optional.of(JsonValues.objectFromNode(value, field));
    }

    public Iterator<Map.Entry<String, JsonNode>> fields() {
        return node.properties().iterator();
    }
}
