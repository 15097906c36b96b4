package io.syncbridge.adapter.javalin.rest;

import io.syncbridge.domain.conflict.ConflictPolicy;
import io.syncbridge.domain.device.DeviceDescription;
import io.syncbridge.domain.device.DeviceKind;
import io.syncbridge.domain.device.EvictionPolicy;
import io.syncbridge.domain.error.SyncError;
import io.syncbridge.domain.session.SessionSettings;
import io.syncbridge.domain.state.JsonArray;
import io.syncbridge.domain.state.JsonBoolean;
import io.syncbridge.domain.state.JsonNull;
import io.syncbridge.domain.state.JsonNumber;
import io.syncbridge.domain.state.JsonObject;
import io.syncbridge.domain.state.JsonString;
import io.syncbridge.domain.state.JsonPointer;
import io.syncbridge.domain.state.JsonValue;
import io.syncbridge.domain.state.PatchOperation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads the REST API's request shapes into domain values, refusing what does not fit with a clear message. */
final class WireInput {

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
    public static SessionSettings settings(JsonValue settingsNode, JsonValue policiesNode, SessionSettings base) {
        boolean hasSettings = present(settingsNode);
        JsonObject custom = hasSettings ? objectOf(settingsNode, "settings") : base.custom();
        if (hasSettings) {
            checkKnownSettings(custom);
        }
        JsonObject policies = present(policiesNode) ? objectOf(policiesNode, "policies")
                : JsonObject.EMPTY;
        JsonObject legacy = hasSettings ? custom : JsonObject.EMPTY;
        ConflictPolicy conflict = policies.get(CONFLICT_POLICY).or(() -> legacy.get(CONFLICT_POLICY))
                .map(v -> ConflictPolicy.parse(text(v, CONFLICT_POLICY))).orElse(base.conflictPolicy());
        EvictionPolicy eviction = policies.get(EVICTION_POLICY).or(() -> legacy.get(EVICTION_POLICY))
                .map(v -> EvictionPolicy.parse(text(v, EVICTION_POLICY))).orElse(base.evictionPolicy());
        return new SessionSettings(conflict, eviction, custom);
    }

    private static boolean present(JsonValue node) {
        return node != null && !(node instanceof JsonNull);
    }

    private static JsonObject objectOf(JsonValue node, String what) {
        if (!(node instanceof JsonObject object)) {
            throw new SyncError.ValidationFailed(what + " must be a JSON object");
        }
        return object;
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
    public static DeviceDescription device(JsonValue node) {
        if (node == null || node instanceof JsonNull) {
            return DeviceDescription.UNKNOWN;
        }
        if (!(node instanceof JsonObject device)) {
            throw new SyncError.ValidationFailed("device must be a JSON object");
        }
        Set<String> capabilities = new LinkedHashSet<>();
        JsonValue caps = device.get("capabilities").orElse(JsonNull.INSTANCE);
        if (!(caps instanceof JsonNull)) {
            if (!(caps instanceof JsonArray list)) {
                throw new SyncError.ValidationFailed("device.capabilities must be an array of strings");
            }
            for (JsonValue c : list.elements()) {
                if (!(c instanceof JsonString name)) {
                    throw new SyncError.ValidationFailed("device.capabilities must be an array of strings");
                }
                capabilities.add(name.value());
            }
        }
        return new DeviceDescription(DeviceKind.parse(optionalText(device, "type")), optionalText(device, "name"),
                device.get("userAgent").isPresent() ? optionalText(device, "userAgent")
                        : optionalText(device, "user_agent"),
                capabilities);
    }

    /**
     * Patch operations {@code [{op, path, value, from}]}: the six of RFC 6902 ({@code add},
     * {@code remove}, {@code replace}, {@code move}, {@code copy}, {@code test}) with JSON Pointer
     * paths, and the v1 {@code set} / {@code delete} of a top-level {@code key}.
     */
    public static List<PatchOperation> operations(JsonValue node) {
        if (!(node instanceof JsonArray list) || list.size() == 0) {
            throw new SyncError.ValidationFailed("operations must be a non-empty array");
        }
        List<PatchOperation> operations = new ArrayList<>(list.size());
        for (JsonValue op : list.elements()) {
            operations.add(operation(op));
        }
        return operations;
    }

    private static PatchOperation operation(JsonValue node) {
        if (!(node instanceof JsonObject object)) {
            throw new SyncError.ValidationFailed("each operation must be a JSON object");
        }
        String op = optionalText(object, "op").toLowerCase(Locale.ROOT);
        return switch (op) {
            case "add" -> new PatchOperation.Add(path(object), value(object, op));
            case "replace" -> new PatchOperation.Replace(path(object), value(object, op));
            case "remove" -> new PatchOperation.Remove(path(object));
            case "move" -> new PatchOperation.Move(from(object), path(object));
            case "copy" -> new PatchOperation.Copy(from(object), path(object));
            case "test" -> new PatchOperation.Test(path(object), value(object, op));
            case "set" -> new PatchOperation.SetKey(key(object), object.get("value").orElse(JsonValue.nullValue()));
            case "delete" -> new PatchOperation.DeleteKey(key(object));
            case "" -> throw new SyncError.ValidationFailed("each operation needs an op");
            default -> throw new SyncError.ValidationFailed("unsupported op '" + op
                    + "' (add, remove, replace, move, copy, test, set or delete)");
        };
    }

    private static JsonPointer from(JsonObject node) {
        if (!(node.get("from").orElse(null) instanceof JsonString from)) {
            throw new SyncError.ValidationFailed("a move or copy operation needs a from (a JSON Pointer string)");
        }
        return JsonPointer.parse(from.value());
    }

    private static JsonPointer path(JsonObject node) {
        if (!(node.get("path").orElse(null) instanceof JsonString path)) {
            throw new SyncError.ValidationFailed("each operation needs a path (a JSON Pointer string)");
        }
        return JsonPointer.parse(path.value());
    }

    private static JsonValue value(JsonObject node, String op) {
        return node.get("value").orElseThrow(() -> new SyncError.ValidationFailed("a '" + op + "' operation needs a value"));
    }

    /** The key of a v1 operation: {@code key}, or a path of a single token. */
    private static String key(JsonObject node) {
        if (node.get("key").orElse(null) instanceof JsonString key && !key.value().isEmpty()) {
            return key.value();
        }
        JsonPointer path = path(node);
        if (path.tokens().size() != 1) {
            throw new SyncError.ValidationFailed("set and delete address a top-level key");
        }
        return path.tokens().get(0);
    }

    private static String optionalText(JsonObject node, String field) {
        JsonValue value = node.get(field).orElse(JsonNull.INSTANCE);
        if (value instanceof JsonNull) {
            return "";
        }
        if (!(value instanceof JsonString text)) {
            throw new SyncError.ValidationFailed(field + " must be a string");
        }
        return text.value();
    }

    private static String text(JsonValue value, String field) {
        if (value instanceof JsonString s) {
            return s.value();
        }
        throw new SyncError.ValidationFailed("settings." + field + " must be a string");
    }
}
