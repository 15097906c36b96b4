package io.syncbridge.domain.state;

import static io.syncbridge.domain.state.Json.add;
import static io.syncbridge.domain.state.Json.document;
import static io.syncbridge.domain.state.Json.object;
import static io.syncbridge.domain.state.Json.remove;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

import io.syncbridge.domain.error.SyncError;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Depth and encoded-size limits, and the size tracking that lets apply check them cheaply. */
class StateDocumentLimitsTest {

    private static final StateLimits ROOMY = new StateLimits(Integer.MAX_VALUE, 1_000);

    private static int utf8Length(JsonValue value) {
        return JsonCodec.write(value).getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void countsTheRootObjectAsDepthOne() {
        StateLimits flat = new StateLimits(1_000, 1);

        assertThatNoException().isThrownBy(() -> StateDocument.checked(object("{'a':1,'b':'x'}"), flat));
        assertThatExceptionOfType(SyncError.StateTooLarge.class)
                .isThrownBy(() -> StateDocument.checked(object("{'a':[]}"), flat));
    }

    @Test
    void acceptsDepthAtTheLimit() {
        StateDocument result = document("{'a':{}}").apply(List.of(add("/a/b", "1")), new StateLimits(1_000, 2));

        assertThat(result.root()).isEqualTo(object("{'a':{'b':1}}"));
    }

    @Test
    void refusesDepthOverTheLimitNamingActualAndLimit() {
        assertThatExceptionOfType(SyncError.StateTooLarge.class)
                .isThrownBy(() -> document("{'a':{}}").apply(List.of(add("/a/b", "{}")), new StateLimits(1_000, 2)))
                .withMessageContaining("3 levels")
                .withMessageContaining("limit is 2");
    }

    @Test
    void countsArraysAsLevels() {
        assertThatNoException().isThrownBy(() -> StateDocument.checked(object("{'a':[[1]]}"), new StateLimits(1_000, 3)));
        assertThatExceptionOfType(SyncError.StateTooLarge.class)
                .isThrownBy(() -> StateDocument.checked(object("{'a':[[[]]]}"), new StateLimits(1_000, 3)));
    }

    @Test
    void refusesDeepValueSetByKey() {
        assertThatExceptionOfType(SyncError.StateTooLarge.class).isThrownBy(() -> StateDocument.EMPTY.apply(
                List.of(new PatchOperation.SetKey("k", Json.value("{'a':{'b':{}}}"))), new StateLimits(1_000, 3)));
    }

    @Test
    void acceptsDeepValueAddedThenRemovedInTheSameChange() {
        StateDocument result = document("{'a':1}").apply(
                List.of(add("/deep", "{'b':{'c':{'d':{}}}}"), remove("/deep")), new StateLimits(1_000, 2));

        assertThat(result.root()).isEqualTo(object("{'a':1}"));
    }

    @Test
    void acceptsDocumentOfExactlyMaxBytes() {
        JsonObject root = object("{'a':'xx'}");

        assertThat(StateDocument.checked(root, new StateLimits(10, 8)).root()).isEqualTo(root);
    }

    @Test
    void refusesDocumentOverMaxBytesNamingActualAndLimit() {
        assertThatExceptionOfType(SyncError.StateTooLarge.class)
                .isThrownBy(() -> StateDocument.checked(object("{'a':'xxx'}"), new StateLimits(10, 8)))
                .withMessageContaining("11 bytes")
                .withMessageContaining("limit is 10");
    }

    @Test
    void countsUtf8BytesNotChars() {
        JsonObject root = object("{'a':'é😀'}"); // 2 + 4 bytes of text in 8 bytes of syntax

        assertThatNoException().isThrownBy(() -> StateDocument.checked(root, new StateLimits(14, 8)));
        assertThatExceptionOfType(SyncError.StateTooLarge.class)
                .isThrownBy(() -> StateDocument.checked(root, new StateLimits(13, 8)));
    }

    @Test
    void refusesChangeThatGrowsPastMaxBytes() {
        StateLimits limits = new StateLimits(13, 8);
        StateDocument doc = StateDocument.checked(object("{'a':[1,2]}"), limits);

        assertThat(doc.apply(List.of(add("/a/-", "3")), limits).encodedSize()).isEqualTo(13);
        assertThatExceptionOfType(SyncError.StateTooLarge.class)
                .isThrownBy(() -> doc.apply(List.of(add("/a/-", "34")), limits));
    }

    @Test
    void checksLimitsOfAnUncheckedDocumentEvenWithoutOperations() {
        StateDocument unchecked = document("{'a':'" + "x".repeat(100) + "'}");

        assertThatExceptionOfType(SyncError.StateTooLarge.class)
                .isThrownBy(() -> unchecked.apply(List.of(), new StateLimits(50, 8)));
    }

    @Test
    void acceptsShrinkingChangeToAnOversizedDocument() {
        StateDocument unchecked = document("{'a':'" + "x".repeat(100) + "','b':{'c':{}}}");

        StateDocument result = unchecked.apply(List.of(remove("/a"), remove("/b/c")), new StateLimits(50, 2));

        assertThat(result.root()).isEqualTo(object("{'b':{}}"));
    }

    @Test
    void tracksEncodedSizeAndDepthExactlyThroughRandomOperations() {
        Random random = new Random(20_240_601);
        StateDocument doc = StateDocument.EMPTY;
        for (int i = 0; i < 1_500; i++) {
            PatchOperation operation = randomOperation(doc, random);
            StateDocument next = doc.apply(List.of(operation), ROOMY);

            assertThat(next.encodedSize()).as("size after %s", operation).isEqualTo(utf8Length(next.root()));
            int depth = JsonMetrics.depth(next.root());
            StateDocument current = doc;
            assertThatNoException().as("depth %d after %s", depth, operation).isThrownBy(
                    () -> current.apply(List.of(operation), new StateLimits(Integer.MAX_VALUE, depth)));
            if (depth > 1) {
                assertThatExceptionOfType(SyncError.StateTooLarge.class).as("depth %d after %s", depth, operation)
                        .isThrownBy(() -> current.apply(List.of(operation), new StateLimits(Integer.MAX_VALUE, depth - 1)));
            }
            doc = next;
        }
    }

    private static final String[] NAMES = {"a", "b", "", "é", "a/b", "~", "\"q\"", "\n", "\u0001", "😀", "\uD800", "日本"};

    private static PatchOperation randomOperation(StateDocument doc, Random random) {
        if (random.nextInt(300) == 0) {
            return new PatchOperation.Replace(JsonPointer.ROOT, randomValue(random, 0, true));
        }
        List<JsonPointer> containers = new ArrayList<>();
        collectContainers(doc.root(), JsonPointer.ROOT, containers);
        JsonPointer at = containers.get(random.nextInt(containers.size()));
        JsonValue node = doc.valueAt(at).orElseThrow();
        int choice = random.nextInt(3);
        if (node instanceof JsonObject object) {
            List<String> names = new ArrayList<>(object.members().keySet());
            if (names.isEmpty() || choice == 0) {
                String name = NAMES[random.nextInt(NAMES.length)];
                return at.isRoot() && random.nextBoolean()
                        ? new PatchOperation.SetKey(name, randomValue(random, 0, false))
                        : new PatchOperation.Add(at.child(name), randomValue(random, 0, false));
            }
            String name = names.get(random.nextInt(names.size()));
            if (choice == 1) {
                return new PatchOperation.Replace(at.child(name), randomValue(random, 0, false));
            }
            return at.isRoot() && random.nextBoolean()
                    ? new PatchOperation.DeleteKey(name)
                    : new PatchOperation.Remove(at.child(name));
        }
        JsonArray array = (JsonArray) node;
        if (array.size() == 0 || choice == 0) {
            String index = random.nextBoolean() ? "-" : String.valueOf(random.nextInt(array.size() + 1));
            return new PatchOperation.Add(at.child(index), randomValue(random, 0, false));
        }
        JsonPointer element = at.child(String.valueOf(random.nextInt(array.size())));
        return choice == 1
                ? new PatchOperation.Replace(element, randomValue(random, 0, false))
                : new PatchOperation.Remove(element);
    }

    private static void collectContainers(JsonValue node, JsonPointer at, List<JsonPointer> into) {
        switch (node) {
            case JsonObject object -> {
                into.add(at);
                object.members().forEach((name, child) -> collectContainers(child, at.child(name), into));
            }
            case JsonArray array -> {
                into.add(at);
                for (int i = 0; i < array.size(); i++) {
                    collectContainers(array.elements().get(i), at.child(String.valueOf(i)), into);
                }
            }
            default -> {
            }
        }
    }

    private static JsonValue randomValue(Random random, int depth, boolean object) {
        int kind = object ? 0 : depth < 3 ? random.nextInt(10) : 2 + random.nextInt(8);
        return switch (kind) {
            case 0, 1 -> {
                Map<String, JsonValue> members = new LinkedHashMap<>();
                for (int i = random.nextInt(3); i > 0; i--) {
                    members.put(NAMES[random.nextInt(NAMES.length)], randomValue(random, depth + 1, false));
                }
                yield object || kind == 0 ? new JsonObject(members) : new JsonArray(List.copyOf(members.values()));
            }
            case 2 -> JsonNull.INSTANCE;
            case 3 -> JsonValue.of(random.nextBoolean());
            case 4 -> JsonNumber.of(random.nextLong());
            case 5 -> JsonNumber.of(random.nextDouble() * 1e-9);
            case 6 -> new JsonNumber(new BigDecimal("1e" + random.nextInt(100)));
            default -> new JsonString(NAMES[random.nextInt(NAMES.length)] + NAMES[random.nextInt(NAMES.length)]);
        };
    }
}
