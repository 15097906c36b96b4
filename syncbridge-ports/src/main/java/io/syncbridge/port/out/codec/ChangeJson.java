package io.syncbridge.port.out.codec;

import io.syncbridge.domain.change.AppliedChange;
import io.syncbridge.domain.change.MutationId;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.state.JsonCodec;
import io.syncbridge.domain.state.JsonObject;
import io.syncbridge.domain.state.JsonPointer;
import io.syncbridge.domain.state.JsonValue;
import io.syncbridge.domain.state.PatchOperation;
import java.util.ArrayList;
import java.util.List;

/** Stored JSON form of patch operations and applied changes (the change log's entries). */
public final class ChangeJson {

    private ChangeJson() {
    }

    public static JsonObject operation(PatchOperation operation) {
        return switch (operation) {
            case PatchOperation.Add add -> new JsonBuilder().put("op", "add").put("path", add.path().toString())
                    .put("value", add.value()).build();
            case PatchOperation.Replace replace -> new JsonBuilder().put("op", "replace")
                    .put("path", replace.path().toString()).put("value", replace.value()).build();
            case PatchOperation.Remove remove -> new JsonBuilder().put("op", "remove")
                    .put("path", remove.path().toString()).build();
            case PatchOperation.Move move -> new JsonBuilder().put("op", "move").put("from", move.from().toString())
                    .put("path", move.path().toString()).build();
            case PatchOperation.Copy copy -> new JsonBuilder().put("op", "copy").put("from", copy.from().toString())
                    .put("path", copy.path().toString()).build();
            case PatchOperation.Test test -> new JsonBuilder().put("op", "test").put("path", test.path().toString())
                    .put("value", test.value()).build();
            case PatchOperation.SetKey set -> new JsonBuilder().put("op", "set").put("key", set.key())
                    .put("value", set.value()).build();
            case PatchOperation.DeleteKey delete -> new JsonBuilder().put("op", "delete").put("key", delete.key())
                    .build();
        };
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

    public static List<JsonObject> operations(List<PatchOperation> operations) {
        return operations.stream().map(ChangeJson::operation).toList();
    }

    public static List<PatchOperation> operationsFrom(List<JsonValue> json) {
        List<PatchOperation> operations = new ArrayList<>(json.size());
        json.forEach(value -> operations.add(operation(value)));
        return operations;
    }

    public static JsonObject appliedChange(AppliedChange change) {
        return new JsonBuilder()
                .put("version", change.version())
                .put("mutation_id", change.mutationId().value())
                .put("device_id", change.deviceId().value())
                .put("ops", operations(change.operations()))
                .put("applied_at", change.appliedAt())
                .build();
    }

    public static AppliedChange appliedChange(JsonValue json) {
        JsonReader in = new JsonReader(json);
        return new AppliedChange(in.number("version"), new MutationId(in.string("mutation_id")),
                new DeviceId(in.string("device_id")), operationsFrom(in.array("ops")), in.instant("applied_at"));
    }

    public static String appliedChangeText(AppliedChange change) {
        return JsonCodec.write(appliedChange(change));
    }

    public static AppliedChange appliedChangeFromText(String text) {
        return appliedChange(JsonText.parse(text));
    }
}
