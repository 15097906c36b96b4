package io.syncbridge.adapter.javalin.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncbridge.adapter.javalin.json.JsonValues;
import io.syncbridge.domain.conflict.ConflictPolicy;
import io.syncbridge.domain.device.DeviceDescription;
import io.syncbridge.domain.device.DeviceKind;
import io.syncbridge.domain.device.EvictionPolicy;
import io.syncbridge.domain.error.SyncError;
import io.syncbridge.domain.session.SessionSettings;
import io.syncbridge.domain.state.JsonBoolean;
import io.syncbridge.domain.state.JsonNumber;
import io.syncbridge.domain.state.JsonObject;
import io.syncbridge.domain.state.JsonPointer;
import io.syncbridge.domain.state.JsonValue;
import io.syncbridge.domain.state.PatchOperation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads the REST API's request shapes into domain values, refusing what does not fit with a clear message. */
public final class WireInput {

    static final String CONFLICT_POLICY = "conflictPolicy";
    static final String EVICTION_POLICY = "evictionPolicy";

    private WireInput() {
    }

    /** The session types of the v1 REST contract. */
    static final List<String> SESSION_TYPES = List.of("meditation", "breathing", "yoga", "mindfulness", "custom");

    /** The type a session gets when the client names none. */
    static final String DEFAULT_SESSION_TYPE = "custom";

    /** A session {@code type}: one of {@link #SESSION_TYPES}; anything else is refused, saying which are allowed. */
    public static String sessionType(String type) {
        if (!SESSION_TYPES.contains(type)) {
            throw new SyncError.ValidationFailed("type must be one of " + String.join(", ", SESSION_TYPES)
                    + " (got '" + type + "')");
        }
        return type;
    }

    /**
     * A session's settings and policies from a create or update body. {@code settings} is the
     * client's own document, kept exactly as written; its known keys are checked ({@code duration} an
     * integer of 0 or more; {@code audioEnabled}, {@code hapticEnabled}, {@code autoSave} booleans;
     * {@code customProperties} an object). The policies come from {@code policies}
     * ({@code conflictPolicy}, {@code evictionPolicy}); for older clients the same keys inside
     * {@code settings} set them too (and stay in the settings as written). What is absent keeps {@code base}.
     */
    public static SessionSettings settings(JsonNode settingsNode, JsonNode policiesNode, SessionSettings base) {
        boolean hasSettings = present(settingsNode);
        JsonObject custom = hasSettings ? JsonValues.objectFromNode(settingsNode, "settings") : base.custom();
        if (hasSettings) {
            checkKnownSettings(custom);
        }
        JsonObject policies = present(policiesNode) ? JsonValues.objectFromNode(policiesNode, "policies")
                : JsonObject.EMPTY;
        JsonObject legacy = hasSettings ? custom : JsonObject.EMPTY;
        ConflictPolicy conflict = policies.get(CONFLICT_POLICY).or(() -> legacy.get(CONFLICT_POLICY))
                .map(v -> ConflictPolicy.parse(text(v, CONFLICT_POLICY))).orElse(base.conflictPolicy());
        EvictionPolicy eviction = policies.get(EVICTION_POLICY).or(() -> legacy.get(EVICTION_POLICY))
                .map(v -> EvictionPolicy.parse(text(v, EVICTION_POLICY))).orElse(base.evictionPolicy());
        return new SessionSettings(conflict, eviction, custom);
    }

    private static boolean present(JsonNode node) {
        return node != null && !node.isMissingNode() && !node.isNull();
    }

    private static void checkKnownSettings(JsonObject settings) {
        settings.get("duration").ifPresent(d -> {
            if (!(d instanceof JsonNumber n) || !n.isIntegral() || n.value().signum() < 0) {
                throw new SyncError.ValidationFailed("settings.duration must be an integer of 0 or more");
            }
        });
        for (String flag : List.of("audioEnabled", "hapticEnabled", "autoSave")) {
            settings.get(flag).ifPresent(v -> {
                if (!(v instanceof JsonBoolean)) {
                    throw new SyncError.ValidationFailed("settings." + flag + " must be true or false");
                }
            });
        }
        settings.get("customProperties").ifPresent(v -> {
            if (!(v instanceof JsonObject)) {
                throw new SyncError.ValidationFailed("settings.customProperties must be an object");
            }
        });
    }

    /** A device description: {@code {type, name, userAgent, capabilities}} (the v1 {@code user_agent} too). */
    public static DeviceDescription device(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return DeviceDescription.UNKNOWN;
        }
        if (!node.isObject()) {
            throw new SyncError.ValidationFailed("device must be a JSON object");
        }
        Set<String> capabilities = new LinkedHashSet<>();
        JsonNode caps = node.path("capabilities");
        if (!caps.isMissingNode() && !caps.isNull()) {
            if (!caps.isArray()) {
                throw new SyncError.ValidationFailed("device.capabilities must be an array of strings");
            }
            caps.forEach(c -> {
                if (!c.isTextual()) {
                    throw new SyncError.ValidationFailed("device.capabilities must be an array of strings");
                }
                capabilities.add(c.textValue());
            });
        }
        return new DeviceDescription(DeviceKind.parse(optionalText(node, "type")), optionalText(node, "name"),
                node.has("userAgent") ? optionalText(node, "userAgent") : optionalText(node, "user_agent"),
                capabilities);
    }

    /**
     * Patch operations {@code [{op, path, value, from}]}: the six of RFC 6902 ({@code add},
     * {@code remove}, {@code replace}, {@code move}, {@code copy}, {@code test}) with JSON Pointer
     * paths, and the v1 {@code set} / {@code delete} of a top-level {@code key}.
     */
    public static List<PatchOperation> operations(JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new SyncError.ValidationFailed("operations must be a non-empty array");
        }
        List<PatchOperation> operations = new ArrayList<>(node.size());
        for (JsonNode op : node) {
            operations.add(operation(op));
        }
        return operations;
    }

    private static PatchOperation operation(JsonNode node) {
        if (!node.isObject()) {
            throw new SyncError.ValidationFailed("each operation must be a JSON object");
        }
        String op = optionalText(node, "op").toLowerCase(Locale.ROOT);
        return switch (op) {
            case "add" -> new PatchOperation.Add(path(node), value(node, op));
            case "replace" -> new PatchOperation.Replace(path(node), value(node, op));
            case "remove" -> new PatchOperation.Remove(path(node));
            case "move" -> new PatchOperation.Move(from(node), path(node));
            case "copy" -> new PatchOperation.Copy(from(node), path(node));
            case "test" -> new PatchOperation.Test(path(node), value(node, op));
            case "set" -> new PatchOperation.SetKey(key(node), node.has("value")
                    ? JsonValues.fromNode(node.get("value")) : JsonValue.nullValue());
            case "delete" -> new PatchOperation.DeleteKey(key(node));
            case "" -> throw new SyncError.ValidationFailed("each operation needs an op");
            default -> throw new SyncError.ValidationFailed("unsupported op '" + op
                    + "' (add, remove, replace, move, copy, test, set or delete)");
        };
    }

    private static JsonPointer from(JsonNode node) {
        JsonNode from = node.get("from");
        if (from == null || !from.isTextual()) {
            throw new SyncError.ValidationFailed("a move or copy operation needs a from (a JSON Pointer string)");
        }
        return JsonPointer.parse(from.textValue());
    }

    private static JsonPointer path(JsonNode node) {
        JsonNode path = node.get("path");
        if (path == null || !path.isTextual()) {
            throw new SyncError.ValidationFailed("each operation needs a path (a JSON Pointer string)");
        }
        return JsonPointer.parse(path.textValue());
    }

    private static JsonValue value(JsonNode node, String op) {
        if (!node.has("value")) {
            throw new SyncError.ValidationFailed("a '" + op + "' operation needs a value");
        }
        return JsonValues.fromNode(node.get("value"));
    }

    /** The key of a v1 operation: {@code key}, or a path of a single token. */
    private static String key(JsonNode node) {
        JsonNode key = node.get("key");
        if (key != null && key.isTextual() && !key.textValue().isEmpty()) {
            return key.textValue();
        }
        JsonPointer path = path(node);
        if (path.tokens().size() != 1) {
            throw new SyncError.ValidationFailed("set and delete address a top-level key");
        }
        return path.tokens().get(0);
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return "";
        }
        if (!value.isTextual()) {
            throw new SyncError.ValidationFailed(field + " must be a string");
        }
        return value.textValue();
    }

    private static String text(JsonValue value, String field) {
        if (value instanceof io.syncbridge.domain.state.JsonString s) {
            return s.value();
        }
        throw new SyncError.ValidationFailed("settings." + field + " must be a string");
    }
}
