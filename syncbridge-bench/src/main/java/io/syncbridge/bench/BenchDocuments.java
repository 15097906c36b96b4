package io.syncbridge.bench;

import io.syncbridge.domain.state.JsonArray;
import io.syncbridge.domain.state.JsonCodec;
import io.syncbridge.domain.state.JsonNumber;
import io.syncbridge.domain.state.JsonObject;
import io.syncbridge.domain.state.JsonPointer;
import io.syncbridge.domain.state.JsonString;
import io.syncbridge.domain.state.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Session state documents of a chosen size for the benchmarks: a small "player" object at the top
 * and an "items" object of item records (title, count, done, tags) that grows to the size asked.
 */
final class BenchDocuments {

    /** The top-level key the v1 SET benchmarks write (a small value beside the large items object). */
    static final String TOP_LEVEL_KEY = "position";

    private BenchDocuments() {
    }

    /** A document whose compact UTF-8 encoding is at least {@code kib} KiB (and at most one item more). */
    static JsonObject ofKiB(int kib) {
        if (kib < 1) {
            throw new IllegalArgumentException("size must be at least 1 KiB");
        }
        long target = kib * 1024L;
        JsonObject player = new JsonObject(Map.of("track", new JsonString("breathing-4-7-8"),
                "playing", JsonValue.of(true), "speed", JsonNumber.of(1.25)));
        Map<String, JsonValue> items = new LinkedHashMap<>();
        // {"player":…,"position":0,"items":{…}}: everything but the items' own text.
        long size = bytes(new JsonObject(Map.of("player", player, TOP_LEVEL_KEY, JsonNumber.of(0),
                "items", JsonObject.EMPTY)));
        for (int i = 0; size < target; i++) {
            String key = itemKey(i);
            JsonValue item = item(i);
            size += bytes(new JsonString(key)) + 1 + bytes(item) + (items.isEmpty() ? 0 : 1);
            items.put(key, item);
        }
        Map<String, JsonValue> root = new LinkedHashMap<>();
        root.put("player", player);
        root.put(TOP_LEVEL_KEY, JsonNumber.of(0));
        root.put("items", new JsonObject(items));
        return new JsonObject(root);
    }

    /** How many items {@link #ofKiB} put in the document. */
    static int itemCount(JsonObject document) {
        return ((JsonObject) document.members().get("items")).size();
    }

    /** The pointer to a leaf inside one item: {@code /items/item-0003/count}. */
    static JsonPointer itemCountPath(int item) {
        return new JsonPointer(List.of("items", itemKey(item), "count"));
    }

    static long bytes(JsonValue value) {
        return JsonCodec.write(value).getBytes(StandardCharsets.UTF_8).length;
    }

    private static String itemKey(int i) {
        return "item-%04d".formatted(i);
    }

    private static JsonValue item(int i) {
        Map<String, JsonValue> fields = new LinkedHashMap<>();
        fields.put("title", new JsonString("Exercise step " + i));
        fields.put("count", JsonNumber.of(i));
        fields.put("done", JsonValue.of(i % 3 == 0));
        fields.put("tags", new JsonArray(List.of(new JsonString("calm"), new JsonString("focus"))));
        return new JsonObject(fields);
    }
}
