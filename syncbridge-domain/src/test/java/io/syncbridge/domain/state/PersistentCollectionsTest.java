package io.syncbridge.domain.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The structure-sharing members and elements behave exactly like a LinkedHashMap and an ArrayList
 * under long random sequences of edits, and every earlier version stays as it was.
 */
class PersistentCollectionsTest {

    /** Names whose String hash codes are all equal ("Aa" and "BB" hash alike), to reach collision nodes. */
    private static final List<String> COLLIDING = List.of("AaAa", "AaBB", "BBAa", "BBBB");

    @Test
    void membersFollowALinkedHashMapThroughRandomEdits() {
        Random random = new Random(20261203L);
        List<String> names = new ArrayList<>(COLLIDING);
        for (int i = 0; i < 3_000; i++) {
            names.add("k" + i);
        }
        JsonObject object = JsonObject.EMPTY;
        Map<String, JsonValue> model = new LinkedHashMap<>();
        List<JsonObject> versions = new ArrayList<>();
        List<Map<String, JsonValue>> modelVersions = new ArrayList<>();
        for (int step = 0; step < 20_000; step++) {
            // Grow to a few thousand members, then shrink towards empty, so both compaction and indexing run.
            boolean shrinking = step > 12_000;
            String name = names.get(random.nextInt(shrinking ? 200 : names.size()));
            if (random.nextInt(10) < (shrinking ? 8 : 2)) {
                object = object.without(name);
                model.remove(name);
            } else {
                JsonValue value = JsonValue.of(step);
                object = object.with(name, value);
                model.put(name, value);
            }
            if (step % 997 == 0) {
                versions.add(object);
                modelVersions.add(new LinkedHashMap<>(model));
            }
            if (step % 101 == 0) {
                assertSameMembers(object, model);
            }
        }
        assertSameMembers(object, model);
        for (int i = 0; i < versions.size(); i++) {
            assertSameMembers(versions.get(i), modelVersions.get(i));
        }
    }

    @Test
    void collidingNamesAreKeptApartAndRemovedOneByOne() {
        JsonObject object = JsonObject.EMPTY;
        for (int i = 0; i < 20; i++) {
            object = object.with("filler" + i, JsonValue.of(i));
        }
        for (String name : COLLIDING) {
            object = object.with(name, new JsonString(name));
        }
        for (String name : COLLIDING) {
            assertThat(object.get(name)).contains(new JsonString(name));
        }
        JsonObject withoutTwo = object.without("AaBB").without("BBBB");

        assertThat(withoutTwo.members()).doesNotContainKeys("AaBB", "BBBB").containsKeys("AaAa", "BBAa");
        assertThat(object.members()).containsKeys("AaBB", "BBBB");
    }

    @Test
    void objectsBuiltFromAnyMapKeepItsOrderAndEqualTheSameMembersBuiltByEdits() {
        Map<String, JsonValue> source = new LinkedHashMap<>();
        JsonObject edited = JsonObject.EMPTY;
        for (int i = 500; i > 0; i--) {
            source.put("m" + i, JsonValue.of(i));
            edited = edited.with("m" + i, JsonValue.of(i));
        }
        JsonObject built = new JsonObject(source);

        assertThat(List.copyOf(built.members().keySet())).isEqualTo(List.copyOf(source.keySet()));
        assertThat(built).isEqualTo(edited).hasSameHashCodeAs(edited);
        assertThat(built.members()).isEqualTo(source);
        assertThat(JsonCodec.write(built)).isEqualTo(JsonCodec.write(edited));
    }

    @Test
    void elementsFollowAnArrayListThroughRandomEdits() {
        Random random = new Random(42L);
        JsonArray array = JsonArray.EMPTY;
        List<JsonValue> model = new ArrayList<>();
        JsonArray saved = null;
        List<JsonValue> savedModel = null;
        for (int step = 0; step < 6_000; step++) {
            JsonValue value = JsonValue.of(step);
            int choice = random.nextInt(10);
            if (model.isEmpty() || choice < 5) {
                array = array.withInserted(model.size(), value);
                model.add(value);
            } else if (choice < 8) {
                int index = random.nextInt(model.size());
                array = array.with(index, value);
                model.set(index, value);
            } else if (choice < 9) {
                int index = random.nextInt(model.size() + 1);
                array = array.withInserted(index, value);
                model.add(index, value);
            } else {
                int index = random.nextInt(model.size());
                array = array.without(index);
                model.remove(index);
            }
            if (step == 3_000) {
                saved = array;
                savedModel = List.copyOf(model);
            }
            if (step % 97 == 0) {
                assertThat(array.elements()).containsExactlyElementsOf(model);
            }
        }
        assertThat(array.elements()).isEqualTo(model);
        assertThat(array).isEqualTo(new JsonArray(model)).hasSameHashCodeAs(new JsonArray(model));
        assertThat(saved.elements()).containsExactlyElementsOf(savedModel);
        assertThat(saved.elements().get(savedModel.size() - 1)).isEqualTo(savedModel.getLast());
    }

    @Test
    void elementsRefuseNullsBadIndexesAndMutation() {
        JsonArray array = new JsonArray(List.of(JsonValue.of(1), JsonValue.of(2)));
        List<JsonValue> withNull = new ArrayList<>();
        withNull.add(null);

        assertThatThrownBy(() -> new JsonArray(withNull)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> array.with(2, JsonValue.of(3))).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> array.withInserted(3, JsonValue.of(3))).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> array.without(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> array.elements().add(JsonValue.of(3)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> array.elements().iterator().remove())
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(array.without(0).without(0)).isEqualTo(JsonArray.EMPTY);
    }

    @Test
    void membersCrossTheSmallAndTheLargeFormBackAndForth() {
        // Twelve names around the small form's limit of 8 members: objects turn large and small again often.
        Random random = new Random(20261204L);
        JsonObject object = JsonObject.EMPTY;
        Map<String, JsonValue> model = new LinkedHashMap<>();
        for (int step = 0; step < 5_000; step++) {
            String name = "m" + random.nextInt(12);
            if (random.nextInt(3) == 0) {
                JsonObject before = object;
                object = object.without(name);
                assertThat(object == before).isEqualTo(model.remove(name) == null);
            } else {
                JsonValue value = JsonValue.of(random.nextInt(4));
                JsonObject before = object;
                object = object.with(name, value);
                assertThat(object == before).isEqualTo(value == model.put(name, value));
            }
            assertSameMembers(object, model);
            assertThat(List.copyOf(object.members().keySet())).containsExactlyElementsOf(model.keySet());
            assertThat(List.copyOf(object.members().values())).containsExactlyElementsOf(model.values());
        }
    }

    @Test
    void membersRefuseMutationThroughEveryView() {
        for (int size : new int[] {3, 40}) {
            JsonObject object = JsonObject.EMPTY;
            for (int i = 0; i < size; i++) {
                object = object.with("k" + i, JsonValue.of(i));
            }
            Map<String, JsonValue> members = object.members();

            assertThatThrownBy(() -> members.remove("k1")).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> members.put("k1", JsonValue.of(0))).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> members.keySet().clear()).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> members.values().clear()).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> members.entrySet().iterator().remove())
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> members.entrySet().iterator().next().setValue(JsonValue.of(0)))
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThat(members).hasSize(size);
        }
    }

    private static void assertSameMembers(JsonObject object, Map<String, JsonValue> model) {
        assertThat(object.size()).isEqualTo(model.size());
        assertThat(List.copyOf(object.members().entrySet())).containsExactlyElementsOf(model.entrySet());
        for (Map.Entry<String, JsonValue> member : model.entrySet()) {
            assertThat(object.members().get(member.getKey())).isEqualTo(member.getValue());
        }
        assertThat(object.members().containsKey("absent")).isFalse();
        assertThat(object.members()).isEqualTo(model);
    }
}
