package io.syncbridge.domain.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** JsonObject's copies: with/without leave the original alone, keep order, and stay immutable and checked. */
class JsonObjectTest {

    private static final JsonValue ONE = JsonValue.of(1);
    private static final JsonValue TWO = JsonValue.of(2);

    @Test
    void withReplacesInPlaceAndAppendsNewMembersLeavingTheOriginalAlone() {
        JsonObject original = new JsonObject(ordered("a", ONE, "b", ONE));

        JsonObject changed = original.with("a", TWO).with("c", TWO);

        assertThat(List.copyOf(changed.members().keySet())).containsExactly("a", "b", "c");
        assertThat(changed.get("a")).contains(TWO);
        assertThat(List.copyOf(original.members().keySet())).containsExactly("a", "b");
        assertThat(original.get("a")).contains(ONE);
    }

    @Test
    void withoutRemovesOnlyFromTheCopy() {
        JsonObject original = new JsonObject(ordered("a", ONE, "b", TWO));

        JsonObject changed = original.without("a");

        assertThat(changed.members()).containsOnlyKeys("b");
        assertThat(original.members()).containsOnlyKeys("a", "b");
        assertThat(original.without("absent")).isSameAs(original);
    }

    @Test
    void copiesAreImmutableAndEqualToTheSameMembersBuiltDirectly() {
        JsonObject changed = new JsonObject(ordered("a", ONE, "b", ONE)).with("b", TWO);

        assertThatThrownBy(() -> changed.members().put("x", ONE)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(changed).isEqualTo(new JsonObject(ordered("a", ONE, "b", TWO)));
        assertThat(changed.hashCode()).isEqualTo(new JsonObject(ordered("a", ONE, "b", TWO)).hashCode());
    }

    @Test
    void refusesNullNamesAndValues() {
        JsonObject object = new JsonObject(ordered("a", ONE, "b", ONE));

        assertThatThrownBy(() -> object.with(null, ONE)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> object.with("c", null)).isInstanceOf(NullPointerException.class);
        Map<String, JsonValue> withNull = new LinkedHashMap<>();
        withNull.put("a", null);
        assertThatThrownBy(() -> new JsonObject(withNull)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void theCallersMapIsCopiedSoLaterChangesToItDoNotShow() {
        Map<String, JsonValue> members = ordered("a", ONE, "b", ONE);
        JsonObject object = new JsonObject(members);

        members.put("c", TWO);

        assertThat(object.members()).containsOnlyKeys("a", "b");
    }

    private static Map<String, JsonValue> ordered(String k1, JsonValue v1, String k2, JsonValue v2) {
        Map<String, JsonValue> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }
}
