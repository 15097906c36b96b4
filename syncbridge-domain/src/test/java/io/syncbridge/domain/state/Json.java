package io.syncbridge.domain.state;

/** Test shorthands: JSON written with single quotes (for readability) and patch operations from text. */
final class Json {

    private Json() {
    }

    static JsonValue value(String singleQuoted) {
        return JsonCodec.parse(singleQuoted.replace('\'', '"'));
    }

    static JsonObject object(String singleQuoted) {
        return (JsonObject) value(singleQuoted);
    }

    static StateDocument document(String singleQuoted) {
        return StateDocument.of(object(singleQuoted));
    }

    static PatchOperation add(String path, String singleQuoted) {
        return new PatchOperation.Add(JsonPointer.parse(path), value(singleQuoted));
    }

    static PatchOperation replace(String path, String singleQuoted) {
        return new PatchOperation.Replace(JsonPointer.parse(path), value(singleQuoted));
    }

    static PatchOperation remove(String path) {
        return new PatchOperation.Remove(JsonPointer.parse(path));
    }

    static PatchOperation move(String from, String path) {
        return new PatchOperation.Move(JsonPointer.parse(from), JsonPointer.parse(path));
    }

    static PatchOperation copy(String from, String path) {
        return new PatchOperation.Copy(JsonPointer.parse(from), JsonPointer.parse(path));
    }

    static PatchOperation test(String path, String singleQuoted) {
        return new PatchOperation.Test(JsonPointer.parse(path), value(singleQuoted));
    }
}
