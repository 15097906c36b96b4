package io.syncbridge.adapter.javalin.ws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.syncbridge.adapter.javalin.ErrorStatus;
import io.syncbridge.domain.change.Change;
import io.syncbridge.domain.change.MutationId;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.error.SyncError;
import io.syncbridge.domain.state.JsonArray;
import io.syncbridge.domain.state.JsonObject;
import io.syncbridge.domain.state.JsonPointer;
import io.syncbridge.domain.state.JsonString;
import io.syncbridge.domain.state.JsonValue;
import io.syncbridge.domain.state.PatchOperation;
import io.syncbridge.port.in.ChangeResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads v2 Change payloads and writes the ChangeAck / Conflict answers (alone or inside a BatchResult). */
final class ChangeMessages {

    /** More than any real offline queue; a guard against abuse within the frame size limit. */
    static final int MAX_BATCH = 1_000;

    private ChangeMessages() {
    }

    /** A Change payload: {mutation_id, base_version, ops: [{op, path, value, from}]} (any RFC 6902 op). */
    static Change change(JsonObject payload, DeviceId device, Instant now) throws InvalidMessage {
        String mutationId = Payloads.requiredText(payload, "mutation_id");
        long baseVersion = Payloads.requiredCount(payload, "base_version");
        if (!(payload.get("ops").orElse(null) instanceof JsonArray ops) || ops.size() == 0) {
            throw new InvalidMessage("Field 'ops' must be a non-empty array");
        }
        if (ops.size() > Change.MAX_OPERATIONS) {
            throw new InvalidMessage("A change may hold at most " + Change.MAX_OPERATIONS + " operations");
        }
        List<PatchOperation> operations = new ArrayList<>(ops.size());
        for (JsonValue op : ops.elements()) {
            operations.add(operation(op));
        }
        return new Change(new MutationId(mutationId), baseVersion, operations, device, now);
    }

    /** A ChangeBatch payload: {changes: [Change…]}; any invalid entry invalidates the whole batch. */
    static List<Change> batch(JsonObject payload, DeviceId device, Instant now) throws InvalidMessage {
        if (!(payload.get("changes").orElse(null) instanceof JsonArray changes)) {
            throw new InvalidMessage("Field 'changes' must be an array");
        }
        if (changes.size() > MAX_BATCH) {
            throw new InvalidMessage("A batch may hold at most " + MAX_BATCH + " changes");
        }
        List<Change> batch = new ArrayList<>(changes.size());
        for (int i = 0; i < changes.size(); i++) {
            if (!(changes.elements().get(i) instanceof JsonObject entry)) {
                throw new InvalidMessage("changes[" + i + "] must be an object");
            }
            try {
                batch.add(change(entry, device, now));
            } catch (InvalidMessage e) {
                throw new InvalidMessage("changes[" + i + "]: " + e.getMessage());
            }
        }
        return batch;
    }

    private static PatchOperation operation(JsonValue node) throws InvalidMessage {
        if (!(node instanceof JsonObject op)) {
            throw new InvalidMessage("Each operation must be an object");
        }
        String kind = Payloads.requiredText(op, "op");
        if (!(op.get("path").orElse(null) instanceof JsonString pathText)) {
            throw new InvalidMessage("Field 'path' of an operation must be a string");
        }
        JsonPointer path = JsonPointer.parse(pathText.value());
        return switch (kind) {
            case "add" -> new PatchOperation.Add(path, requiredValue(op));
            case "replace" -> new PatchOperation.Replace(path, requiredValue(op));
            case "remove" -> new PatchOperation.Remove(path);
            case "move" -> new PatchOperation.Move(from(op), path);
            case "copy" -> new PatchOperation.Copy(from(op), path);
            case "test" -> new PatchOperation.Test(path, requiredValue(op));
            default -> throw new InvalidMessage("Unknown operation '" + kind
                    + "' (add, remove, replace, move, copy or test)");
        };
    }

    private static JsonValue requiredValue(JsonObject op) throws InvalidMessage {
        return op.get("value").orElseThrow(() -> new InvalidMessage("Field 'value' is required for add, replace and test"));
    }

    private static JsonPointer from(JsonObject op) throws InvalidMessage {
        if (!(op.get("from").orElse(null) instanceof JsonString from)) {
            throw new InvalidMessage("Field 'from' of a move or copy must be a string");
        }
        return JsonPointer.parse(from.value());
    }

    /** The payload answering one change: a ChangeAck, a Conflict, or (in a batch) an error entry. */
    static ObjectNode result(ChangeResult result) {
        ObjectNode payload = WireJson.object();
        payload.put("mutation_id", result.mutationId().value());
        switch (result) {
            case ChangeResult.Accepted accepted -> {
                payload.put("version", accepted.version());
                payload.put("outcome", accepted.outcome().wireName());
            }
            case ChangeResult.Duplicate duplicate -> {
                payload.put("version", duplicate.version());
                payload.put("outcome", "duplicate");
            }
            case ChangeResult.Rejected rejected -> {
                if (rejected.error() instanceof SyncError.VersionConflict conflict) {
                    payload.put("base_version", conflict.baseVersion());
                    payload.put("current_version", conflict.currentVersion());
                    payload.put("reason", conflict.reason().name());
                    payload.set("conflicts", WireJson.conflicts(conflict.conflicts()));
                } else {
                    payload.put("base_version", rejected.baseVersion());
                    payload.put("code", ErrorStatus.httpStatus(rejected.error()));
                    payload.put("reason", ErrorStatus.code(rejected.error()));
                    payload.put("message", rejected.error().getMessage());
                }
            }
        }
        return payload;
    }

    static boolean isConflict(ChangeResult result) {
        return result instanceof ChangeResult.Rejected rejected
                && rejected.error() instanceof SyncError.VersionConflict;
    }
}
