package io.syncbridge.adapter.javalin.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks an HTTP response against the OpenAPI document: that its path and method are documented,
 * its status is one the operation answers (or its {@code default}), its content type is the
 * documented one, and its body matches the schema. The schema checker covers the subset of JSON
 * Schema the document uses: {@code $ref}, {@code type}, {@code properties}, {@code required},
 * {@code additionalProperties}, {@code items}, {@code enum}, {@code minimum}, {@code maximum},
 * {@code minItems}, {@code pattern} and {@code format: date-time} (RFC 3339 with milliseconds, UTC).
 * A keyword it does not know is itself a violation, so the document cannot outgrow the checker.
 */
final class OpenApiValidator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    private static final List<String> KNOWN_KEYWORDS = List.of("$ref", "type", "properties", "required",
            "additionalProperties", "items", "enum", "minimum", "maximum", "minItems", "pattern", "format",
            "description", "default");

    private record Template(String path, Pattern pattern, int parameters) {
    }

    private final JsonNode document;
    private final List<Template> templates = new ArrayList<>();

    OpenApiValidator(JsonNode document) {
        this.document = document;
        document.path("paths").fieldNames().forEachRemaining(path -> {
            String regex = Pattern.quote(path).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
            int parameters = path.split("\\{", -1).length - 1;
            templates.add(new Template(path, Pattern.compile(regex), parameters));
        });
        templates.sort(Comparator.comparingInt(Template::parameters));
    }

    static OpenApiValidator fromClassPath() {
        try {
            return new OpenApiValidator(JSON.readTree(OpenApiRoutes.document()));
        } catch (IOException e) {
            throw new IllegalStateException("the OpenAPI document is not JSON", e);
        }
    }

    /** The violations of one response; empty when it conforms. CORS preflights (OPTIONS) are not API calls. */
    List<String> check(String method, String pathAndQuery, int status, Optional<String> contentType, String body) {
        String path = pathAndQuery.split("\\?", 2)[0];
        String verb = method.toLowerCase(Locale.ROOT);
        String what = method + " " + path + " -> " + status;
        if (verb.equals("options")) {
            return List.of();
        }
        Optional<Template> template = templates.stream().filter(t -> t.pattern().matcher(path).matches()).findFirst();
        JsonNode operation = template.map(t -> document.path("paths").path(t.path()).path(verb))
                .orElse(com.fasterxml.jackson.databind.node.MissingNode.getInstance());
        if (operation.isMissingNode()) {
            // An unknown route or method is answered like any error; nothing else may be undocumented.
            if (status == 404 || status == 405) {
                return checkBody(what, Optional.of(schemaRef("Error")), "application/json", contentType, body);
            }
            return List.of(what + ": " + method + " " + path + " is not in the document");
        }
        JsonNode responses = operation.path("responses");
        // "default" is the Error answer: it stands for error statuses only, never for an undocumented success.
        JsonNode response = responses.has(Integer.toString(status)) ? responses.get(Integer.toString(status))
                : status >= 400 ? responses.path("default") : com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        if (response.isMissingNode()) {
            return List.of(what + ": status " + status + " is not documented");
        }
        JsonNode content = response.path("content");
        if (content.isMissingNode()) {
            return body.isEmpty() ? List.of() : List.of(what + ": a body where the document has none");
        }
        String mediaType = content.fieldNames().next();
        return checkBody(what, Optional.of(content.get(mediaType).path("schema")), mediaType, contentType, body);
    }

    private List<String> checkBody(String what, Optional<JsonNode> schema, String mediaType,
                                   Optional<String> contentType, String body) {
        String actual = contentType.map(c -> c.split(";", 2)[0].trim().toLowerCase(Locale.ROOT)).orElse("");
        if (!actual.equals(mediaType)) {
            return List.of(what + ": content type '" + contentType.orElse("") + "', documented " + mediaType);
        }
        if (!mediaType.equals("application/json")) {
            return List.of();
        }
        JsonNode value;
        try {
            value = JSON.readTree(body);
        } catch (IOException e) {
            return List.of(what + ": the body is not JSON");
        }
        List<String> violations = new ArrayList<>();
        validate(schema.orElseThrow(), value, "", violations);
        return violations.stream().map(v -> what + ": " + v).toList();
    }

    private JsonNode schemaRef(String name) {
        return JSON.createObjectNode().put("$ref", "#/components/schemas/" + name);
    }

    /** Validates {@code value} (at {@code at}, a JSON Pointer) against {@code schema}, adding what is wrong. */
    void validate(JsonNode schema, JsonNode value, String at, List<String> violations) {
        for (Iterator<String> it = schema.fieldNames(); it.hasNext(); ) {
            String keyword = it.next();
            if (!KNOWN_KEYWORDS.contains(keyword)) {
                violations.add("schema keyword '" + keyword + "' is not checked (at " + at + ")");
            }
        }
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            JsonNode target = document.at(ref.substring(1));
            if (target.isMissingNode()) {
                violations.add(at + ": unresolved " + ref);
                return;
            }
            validate(target, value, at, violations);
            return;
        }
        String where = at.isEmpty() ? "(root)" : at;
        if (value.isNull() && schema.has("type")) {
            // Only "any value" schemas ({}) admit null: an optional field with no value is left out.
            violations.add(where + ": null, expected " + schema.get("type").asText());
            return;
        }
        if (schema.has("type") && !hasType(value, schema.get("type").asText())) {
            violations.add(where + ": " + describe(value) + ", expected " + schema.get("type").asText());
            return;
        }
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode allowed : schema.get("enum")) {
                listed |= allowed.equals(value);
            }
            if (!listed) {
                violations.add(where + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
        if (value.isNumber()) {
            if (schema.has("minimum") && value.decimalValue().compareTo(schema.get("minimum").decimalValue()) < 0) {
                violations.add(where + ": " + value + " is below " + schema.get("minimum"));
            }
            if (schema.has("maximum") && value.decimalValue().compareTo(schema.get("maximum").decimalValue()) > 0) {
                violations.add(where + ": " + value + " is above " + schema.get("maximum"));
            }
        }
        if (value.isTextual()) {
            if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(value.textValue()).find()) {
                violations.add(where + ": '" + value.textValue() + "' does not match " + schema.get("pattern").asText());
            }
            if ("date-time".equals(schema.path("format").asText()) && !DATE_TIME.matcher(value.textValue()).matches()) {
                violations.add(where + ": '" + value.textValue() + "' is not an RFC 3339 UTC time with milliseconds");
            }
        }
        if (value.isArray()) {
            if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
                violations.add(where + ": fewer than " + schema.get("minItems") + " items");
            }
            if (schema.has("items")) {
                for (int i = 0; i < value.size(); i++) {
                    validate(schema.get("items"), value.get(i), at + "/" + i, violations);
                }
            }
        }
        if (value.isObject()) {
            validateObject(schema, value, at, where, violations);
        }
    }

    private void validateObject(JsonNode schema, JsonNode value, String at, String where, List<String> violations) {
        JsonNode properties = schema.path("properties");
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText())) {
                violations.add(where + ": missing required '" + required.asText() + "'");
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            String memberAt = at + "/" + member.getKey().replace("~", "~0").replace("/", "~1");
            if (properties.has(member.getKey())) {
                validate(properties.get(member.getKey()), member.getValue(), memberAt, violations);
                continue;
            }
            JsonNode additional = schema.path("additionalProperties");
            if (additional.isBoolean() && !additional.booleanValue()) {
                violations.add(where + ": '" + member.getKey() + "' is not in the schema");
            } else if (additional.isObject()) {
                validate(additional, member.getValue(), memberAt, violations);
            }
        }
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber() || (value.isNumber() && isWhole(value));
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> false;
        };
    }

    private static boolean isWhole(JsonNode number) {
        return number.decimalValue().stripTrailingZeros().scale() <= 0;
    }

    private static String describe(JsonNode value) {
        String text = value.toString();
        return value.getNodeType().name().toLowerCase(Locale.ROOT) + " " + text.substring(0, Math.min(40, text.length()));
    }
}
