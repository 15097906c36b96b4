package io.syncbridge.port.out.codec;

import io.syncbridge.domain.change.AppliedChange;
import io.syncbridge.domain.change.MutationId;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.state.JsonPointer;
import io.syncbridge.domain.state.JsonValue;
import io.syncbridge.domain.state.PatchOperation;
import java.util.ArrayList;
import java.util.List;

/** Stored JSON form of patch operations and applied changes (the change log's entries). */
public final class ChangeJson {

    private ChangeJson() {
    }

    static void operation(PatchOperation operation, JsonObjectWriter out) {
        switch (operation) {
            case PatchOperation.Add add -> out.put("op", "add").put("path", add.path().toString())
                    .put("value", add.value());
            case PatchOperation.Replace replace -> out.put("op", "replace").put("path", replace.path().toString())
                    .put("value", replace.value());
            case PatchOperation.Remove remove -> out.put("op", "remove").put("path", remove.path().toString());
            case PatchOperation.Move move -> out.put("op", "move").put("from", move.from().toString())
                    .put("path", move.path().toString());
            case PatchOperation.Copy copy -> out.put("op", "copy").put("from", copy.from().toString())
                    .put("path", copy.path().toString());
            case PatchOperation.Test test -> out.put("op", "test").put("path", test.path().toString())
                    .put("value", test.value());
            case PatchOperation.SetKey set -> out.put("op", "set").put("key", set.key()).put("value", set.value());
            case PatchOperation.DeleteKey delete -> out.put("op", "delete").put("key", delete.key());
        }
    }

    public static PatchOperation operation(JsonValue json) {
        JsonReader in = new JsonReader(json);
        String op = in.string("op");
        return switch (op) {
            case "add" -> new PatchOperation.Add(JsonPointer.parse(in.string("path")), in.value("value"));
            case "replace" -> new PatchOperation.Replace(JsonPointer.parse(in.string("path")), in.value("value"));
            case "remove" -> new PatchOperation.Remove(JsonPointer.parse(in.string("path")));
            case "move" -> new PatchOperation.Move(JsonPointer.parse(in.string("from")),
                    JsonPointer.parse(in.string("path")));
            case "copy" -> new PatchOperation.Copy(JsonPointer.parse(in.string("from")),
                    JsonPointer.parse(in.string("path")));
            case "test" -> new PatchOperation.Test(JsonPointer.parse(in.string("path")), in.value("value"));
            case "set" -> new PatchOperation.SetKey(in.string("key"), in.value("value"));
            case "delete" -> new PatchOperation.DeleteKey(in.string("key"));
            default -> throw new IllegalArgumentException("unknown stored operation '" + op + "'");
        };
    }

    public static List<PatchOperation> operationsFrom(List<JsonValue> json) {
        List<PatchOperation> operations = new ArrayList<>(json.size());
        json.forEach(value -> operations.add(operation(value)));
        return operations;
    }

    private static void appliedChange(AppliedChange change, JsonObjectWriter out) {
        out.put("version", change.version())
                .put("mutation_id", change.mutationId().value())
                .put("device_id", change.deviceId().value())
                .objects("ops", change.operations(), ChangeJson::operation)
                .put("applied_at", change.appliedAt());
    }

    public static AppliedChange appliedChange(JsonValue json) {
        JsonReader in = new JsonReader(json);
        return new AppliedChange(in.number("version"), new MutationId(in.string("mutation_id")),
                new DeviceId(in.string("device_id")), operationsFrom(in.array("ops")), in.instant("applied_at"));
    }

    /** The change's text, as the log keeps it and a StateChanged event carries it. */
    public static String appliedChangeText(AppliedChange change) {
        return JsonObjectWriter.text(out -> appliedChange(change, out));
    }

    public static AppliedChange appliedChangeFromText(String text) {
        return appliedChange(JsonText.parse(text));
    }
}
