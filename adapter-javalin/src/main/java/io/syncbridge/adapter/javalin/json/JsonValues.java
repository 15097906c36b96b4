package io.syncbridge.adapter.javalin.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.syncbridge.domain.error.SyncError;
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

/** Converts between Jackson's tree and the domain's JSON model, at the edge of the gateway. */
public final class JsonValues {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private JsonValues() {
    }

    /** The domain value of a Jackson node; {@code null} (absent) becomes JSON null. */
    public static JsonValue fromNode(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return JsonNull.INSTANCE;
        }
        if (node.isObject()) {
            Map<String, JsonValue> members = new LinkedHashMap<>();
            node.properties().forEach(e -> members.put(e.getKey(), fromNode(e.getValue())));
            return new JsonObject(members);
        }
        if (node.isArray()) {
            List<JsonValue> elements = new ArrayList<>(node.size());
            node.forEach(e -> elements.add(fromNode(e)));
            return new JsonArray(elements);
        }
        if (node.isTextual()) {
            return new JsonString(node.textValue());
        }
        if (node.isBoolean()) {
            return JsonValue.of(node.booleanValue());
        }
        if (node.isNumber()) {
            if (node.isFloatingPointNumber() && !node.isBigDecimal()) {
                double d = node.doubleValue();
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    throw new SyncError.ValidationFailed("numbers must be finite");
                }
                return new JsonNumber(new BigDecimal(node.asText()));
            }
            return new JsonNumber(node.decimalValue());
        }
        throw new SyncError.ValidationFailed("unsupported JSON value");
    }

    /** The domain object of a node that must be a JSON object. */
    public static JsonObject objectFromNode(JsonNode node, String what) {
        if (node == null || !node.isObject()) {
            throw new SyncError.ValidationFailed(what + " must be a JSON object");
        }
        return (JsonObject) fromNode(node);
    }

    public static JsonNode toNode(JsonValue value) {
        return switch (value) {
            case JsonObject o -> {
                ObjectNode node = NODES.objectNode();
                o.members().forEach((k, v) -> node.set(k, toNode(v)));
                yield node;
            }
            case JsonArray a -> {
                ArrayNode node = NODES.arrayNode(a.size());
                a.elements().forEach(e -> node.add(toNode(e)));
                yield node;
            }
            case JsonString s -> NODES.textNode(s.value());
            case JsonNumber n -> n.isIntegral() && n.value().precision() - n.value().scale() <= 40
                    ? NODES.numberNode(n.value().toBigIntegerExact())
                    : NODES.numberNode(n.value());
            case JsonBoolean b -> NODES.booleanNode(b.value());
            case JsonNull ignored -> NODES.nullNode();
        };
    }
}
