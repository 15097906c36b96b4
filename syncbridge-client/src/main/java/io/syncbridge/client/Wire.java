package io.syncbridge.client;

import io.syncbridge.domain.state.JsonArray;
import io.syncbridge.domain.state.JsonBoolean;
import io.syncbridge.domain.state.JsonNumber;
import io.syncbridge.domain.state.JsonObject;
import io.syncbridge.domain.state.JsonPointer;
import io.syncbridge.domain.state.JsonString;
import io.syncbridge.domain.state.JsonValue;
import io.syncbridge.domain.state.PatchOperation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reading fields of the v2 messages and writing the client's own; operations in their wire form. */
final class Wire {

    private Wire() {
    }

    static Optional<JsonValue> field(JsonObject object, String name) {
        return object.get(name).filter(v -> !(v instanceof io.syncbridge.domain.state.JsonNull));
    }

    static String text(JsonObject object, String name) {
        return optionalText(object, name).orElse("");
    }

    static Optional<String> optionalText(JsonObject object, String name) {
        return field(object, name).map(v -> switch (v) {
            case JsonString s -> s.value();
            case JsonNumber n -> n.toJsonText();
            default -> WireJson.write(v);
        });
    }

    static long number(JsonObject object, String name, long otherwise) {
        return field(object, name).filter(JsonNumber.class::isInstance)
                .map(v -> ((JsonNumber) v).value().longValue()).orElse(otherwise);
    }

    static boolean flag(JsonObject object, String name) {
        return field(object, name).map(v -> v instanceof JsonBoolean b && b.value()).orElse(false);
    }

    static JsonObject object(JsonObject object, String name) {
        return field(object, name).filter(JsonObject.class::isInstance).map(JsonObject.class::cast)
                .orElse(JsonObject.EMPTY);
    }

    static List<JsonObject> objects(JsonObject object, String name) {
        List<JsonObject> out = new ArrayList<>();
        field(object, name).filter(JsonArray.class::isInstance).ifPresent(array -> {
            for (JsonValue element : ((JsonArray) array).elements()) {
                if (element instanceof JsonObject item) {
                    out.add(item);
                }
            }
        });
        return out;
    }

    /** A frame: {type, correlation_id?, payload}. */
    static String frame(int type, String correlationId, JsonObject payload) {
        Map<String, JsonValue> frame = new LinkedHashMap<>();
        frame.put("type", JsonValue.of(type));
        frame.put("timestamp", JsonValue.of(System.currentTimeMillis() / 1000));
        if (correlationId != null) {
            frame.put("correlation_id", JsonValue.of(correlationId));
        }
        frame.put("payload", payload);
        return WireJson.write(new JsonObject(frame));
    }

    static JsonObject obj(Object... nameValues) {
        Map<String, JsonValue> members = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            Object value = nameValues[i + 1];
            if (value != null) {
                members.put((String) nameValues[i], toJson(value));
            }
        }
        return new JsonObject(members);
    }

    private static JsonValue toJson(Object value) {
        return switch (value) {
            case JsonValue json -> json;
            case String s -> JsonValue.of(s);
            case Long l -> JsonValue.of(l);
            case Integer i -> JsonValue.of(i.longValue());
            case Boolean b -> JsonValue.of(b);
            default -> throw new IllegalArgumentException("not a JSON value: " + value);
        };
    }

    static JsonArray ops(List<PatchOperation> operations) {
        List<JsonValue> out = new ArrayList<>(operations.size());
        for (PatchOperation op : operations) {
            out.add(op(op));
        }
        return new JsonArray(out);
    }

    static JsonObject op(PatchOperation op) {
        return switch (op) {
            case PatchOperation.Add add -> obj("op", "add", "path", add.path().toString(), "value", add.value());
            case PatchOperation.Replace replace -> obj("op", "replace", "path", replace.path().toString(),
                    "value", replace.value());
            case PatchOperation.Remove remove -> obj("op", "remove", "path", remove.path().toString());
            case PatchOperation.SetKey set -> obj("op", "add", "path", set.path().toString(), "value", set.value());
            case PatchOperation.DeleteKey delete -> obj("op", "remove", "path", delete.path().toString());
            case PatchOperation.Move move -> obj("op", "move", "from", move.from().toString(),
                    "path", move.path().toString());
            case PatchOperation.Copy copy -> obj("op", "copy", "from", copy.from().toString(),
                    "path", copy.path().toString());
            case PatchOperation.Test test -> obj("op", "test", "path", test.path().toString(), "value", test.value());
        };
    }

    static List<PatchOperation> parseOps(JsonObject holder, String name) {
        List<PatchOperation> out = new ArrayList<>();
        for (JsonObject op : objects(holder, name)) {
            JsonPointer path = JsonPointer.parse(text(op, "path"));
            JsonValue value = op.get("value").orElse(JsonValue.nullValue());
            out.add(switch (text(op, "op")) {
                case "add" -> new PatchOperation.Add(path, value);
                case "replace" -> new PatchOperation.Replace(path, value);
                case "remove" -> new PatchOperation.Remove(path);
                case "move" -> new PatchOperation.Move(JsonPointer.parse(text(op, "from")), path);
                case "copy" -> new PatchOperation.Copy(JsonPointer.parse(text(op, "from")), path);
                case "test" -> new PatchOperation.Test(path, value);
                default -> throw new IllegalArgumentException("unknown op '" + text(op, "op") + "'");
            });
        }
        return out;
    }
}
