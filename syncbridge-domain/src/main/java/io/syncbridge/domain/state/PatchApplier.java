package io.syncbridge.domain.state;

import io.syncbridge.domain.error.SyncError;
import java.util.List;

/**
 * Applies patch operations to a state tree by path copying, keeping the tree's encoded size exact and
 * an upper bound on its depth so that limits can be checked without re-measuring the whole tree.
 */
final class PatchApplier {

    /** The change made at the end of a path, given the container there and the last token. */
    private interface Edit {
        JsonValue apply(JsonValue parent, String token);
    }

    private JsonObject root;
    private long bytes;
    private int depthBound;

    PatchApplier(JsonObject root, long bytes, int depthBound) {
        this.root = root;
        this.bytes = bytes;
        this.depthBound = depthBound;
    }

    JsonObject root() {
        return root;
    }

    long bytes() {
        return bytes;
    }

    int depthBound() {
        return depthBound;
    }

    void apply(PatchOperation operation) {
        switch (operation) {
            case PatchOperation.Add add -> add(add.path(), add.value());
            case PatchOperation.Replace replace -> replace(replace.path(), replace.value());
            case PatchOperation.Remove remove -> remove(remove.path());
            case PatchOperation.Move move -> move(move.from(), move.path());
            case PatchOperation.Copy copy -> add(copy.path(), existing(copy.from(), "copy from"));
            case PatchOperation.Test test -> test(test.path(), test.value());
            case PatchOperation.SetKey set -> add(set.path(), set.value());
            case PatchOperation.DeleteKey delete -> {
                if (root.members().containsKey(delete.key())) {
                    remove(delete.path());
                }
            }
        }
    }

    private void add(JsonPointer path, JsonValue value) {
        if (path.isRoot()) {
            replaceRoot(value, "add");
            return;
        }
        edit(path, (parent, token) -> switch (parent) {
            case JsonObject object -> putMember(object, token, value);
            case JsonArray array -> insertElement(array, index(array, path, token, true), value);
            default -> throw notAContainer(path.parent(), parent);
        });
        raiseDepthBound(path, value);
    }

    private void replace(JsonPointer path, JsonValue value) {
        if (path.isRoot()) {
            replaceRoot(value, "replace");
            return;
        }
        edit(path, (parent, token) -> switch (parent) {
            case JsonObject object -> putMember(requireMember(object, token, path), token, value);
            case JsonArray array -> setElement(array, index(array, path, token, false), value);
            default -> throw notAContainer(path.parent(), parent);
        });
        raiseDepthBound(path, value);
    }

    private void remove(JsonPointer path) {
        if (path.isRoot()) {
            throw new SyncError.InvalidPath("", "The root of a state document cannot be removed");
        }
        edit(path, (parent, token) -> switch (parent) {
            case JsonObject object -> removeMember(requireMember(object, token, path), token);
            case JsonArray array -> removeElement(array, index(array, path, token, false));
            default -> throw notAContainer(path.parent(), parent);
        });
    }

    /** RFC 6902 4.4: remove then add; moving a value into one of its own descendants is an error. */
    private void move(JsonPointer from, JsonPointer path) {
        JsonValue value = existing(from, "move from");
        if (from.equals(path)) {
            return;
        }
        if (from.isPrefixOf(path)) {
            throw new SyncError.InvalidState("Cannot move '" + from + "' into its own descendant '" + path + "'");
        }
        remove(from);
        add(path, value);
    }

    /** RFC 6902 4.6: the value at {@code path} must exist and be equal to {@code expected}. */
    private void test(JsonPointer path, JsonValue expected) {
        JsonValue actual = existing(path, "test");
        if (!actual.equals(expected)) {
            throw new SyncError.InvalidState("Test failed: the value at '" + path + "' is not the one expected");
        }
    }

    /** The value at a location an operation reads, which must exist ("-" names no element). */
    private JsonValue existing(JsonPointer path, String what) {
        JsonValue node = root;
        List<String> tokens = path.tokens();
        for (int depth = 0; depth < tokens.size(); depth++) {
            String token = tokens.get(depth);
            node = switch (node) {
                case JsonObject object -> object.members().get(token);
                case JsonArray array -> array.elements().get(index(array, path, token, false));
                default -> throw notAContainer(new JsonPointer(tokens.subList(0, depth)), node);
            };
            if (node == null) {
                throw new SyncError.InvalidState("Path '" + path + "' (" + what + ") does not exist");
            }
        }
        return node;
    }

    private void replaceRoot(JsonValue value, String operation) {
        if (!(value instanceof JsonObject object)) {
            throw new SyncError.InvalidState("The root of a state document must be an object; "
                    + operation + " at the root gave " + typeName(value));
        }
        root = object;
        bytes = JsonMetrics.byteLength(object);
        depthBound = JsonMetrics.depth(object);
    }

    private void edit(JsonPointer path, Edit edit) {
        root = (JsonObject) edit(root, path, 0, edit);
    }

    /** Rebuilds only the containers on the path; every other branch is shared with the old tree. */
    private JsonValue edit(JsonValue node, JsonPointer path, int depth, Edit edit) {
        List<String> tokens = path.tokens();
        String token = tokens.get(depth);
        if (depth == tokens.size() - 1) {
            return edit.apply(node, token);
        }
        return switch (node) {
            case JsonObject object -> {
                JsonValue child = object.members().get(token);
                if (child == null) {
                    throw new SyncError.InvalidState("Path '" + path + "' does not exist: nothing at '"
                            + new JsonPointer(tokens.subList(0, depth + 1)) + "'");
                }
                yield object.with(token, edit(child, path, depth + 1, edit));
            }
            case JsonArray array -> {
                int index = index(array, path, token, false);
                yield array.with(index, edit(array.elements().get(index), path, depth + 1, edit));
            }
            default -> throw notAContainer(new JsonPointer(tokens.subList(0, depth)), node);
        };
    }

    private JsonObject putMember(JsonObject object, String name, JsonValue value) {
        JsonValue old = object.members().get(name);
        bytes += old == null
                ? (object.size() == 0 ? 0 : 1) + JsonMetrics.stringLength(name) + 1 + JsonMetrics.byteLength(value)
                : JsonMetrics.byteLength(value) - JsonMetrics.byteLength(old);
        return object.with(name, value);
    }

    private JsonObject removeMember(JsonObject object, String name) {
        JsonValue old = object.members().get(name);
        bytes -= (object.size() == 1 ? 0 : 1) + JsonMetrics.stringLength(name) + 1 + JsonMetrics.byteLength(old);
        return object.without(name);
    }

    private JsonArray insertElement(JsonArray array, int index, JsonValue value) {
        bytes += (array.size() == 0 ? 0 : 1) + JsonMetrics.byteLength(value);
        return array.withInserted(index, value);
    }

    private JsonArray setElement(JsonArray array, int index, JsonValue value) {
        bytes += JsonMetrics.byteLength(value) - JsonMetrics.byteLength(array.elements().get(index));
        return array.with(index, value);
    }

    private JsonArray removeElement(JsonArray array, int index) {
        bytes -= (array.size() == 1 ? 0 : 1) + JsonMetrics.byteLength(array.elements().get(index));
        return array.without(index);
    }

    /** The element index a token names: {@code allowEnd} admits the position past the last element. */
    private static int index(JsonArray array, JsonPointer path, String token, boolean allowEnd) {
        int size = array.size();
        if (token.equals(ArrayIndex.END)) {
            if (allowEnd) {
                return size;
            }
            throw new SyncError.InvalidState("Path '" + path + "': '-' names no existing array element");
        }
        long index = ArrayIndex.parse(token);
        if (index == ArrayIndex.INVALID) {
            throw new SyncError.InvalidPath(path.toString(),
                    "Path '" + path + "': '" + token + "' is not an array index (digits, no leading zeros)");
        }
        if (index > (allowEnd ? size : size - 1)) {
            throw new SyncError.InvalidState("Path '" + path + "': index " + token
                    + " is out of range for an array of " + size + " elements");
        }
        return (int) index;
    }

    private static JsonObject requireMember(JsonObject object, String name, JsonPointer path) {
        if (!object.members().containsKey(name)) {
            throw new SyncError.InvalidState("Path '" + path + "' does not exist");
        }
        return object;
    }

    /** Values placed at a path nest as deep as the path plus their own depth; removals only lower it. */
    private void raiseDepthBound(JsonPointer path, JsonValue value) {
        depthBound = Math.max(depthBound, path.tokens().size() + JsonMetrics.depth(value));
    }

    private static SyncError.InvalidState notAContainer(JsonPointer at, JsonValue node) {
        return new SyncError.InvalidState("'" + at + "' is " + typeName(node) + ", not an object or array");
    }

    private static String typeName(JsonValue value) {
        return switch (value) {
            case JsonObject ignored -> "an object";
            case JsonArray ignored -> "an array";
            case JsonString ignored -> "a string";
            case JsonNumber ignored -> "a number";
            case JsonBoolean ignored -> "a boolean";
            case JsonNull ignored -> "null";
        };
    }
}
