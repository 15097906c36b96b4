package io.syncbridge.domain.conflict;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.domain.change.AppliedChange;
import io.syncbridge.domain.change.Change;
import io.syncbridge.domain.change.MutationId;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.state.JsonArray;
import io.syncbridge.domain.state.JsonObject;
import io.syncbridge.domain.state.JsonPointer;
import io.syncbridge.domain.state.JsonValue;
import io.syncbridge.domain.state.PatchOperation;
import io.syncbridge.domain.state.StateDocument;
import io.syncbridge.domain.state.StateLimits;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property-style checks of MERGE on seeded random documents and changes: two changes on disjoint
 * paths commute (either order gives the same document, and MERGE rebases the later one), while two
 * changes whose paths overlap are always refused.
 */
class MergePropertyTest {

    private static final int CASES = 500;
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final List<String> KEYS = List.of("a", "b", "c", "d", "e", "f");

    private final Random random = new Random(20261123L);

    @Test
    void changesOnDisjointPathsCommuteAndAreRebased() {
        for (int i = 0; i < CASES; i++) {
            StateDocument base = randomDocument();
            List<JsonPointer> paths = disjointPaths(base);
            PatchOperation first = randomOperation(base, paths.get(0));
            PatchOperation second = randomOperation(base, paths.get(1));

            StateDocument oneThenTwo = base.apply(List.of(first), StateLimits.DEFAULT).apply(List.of(second), StateLimits.DEFAULT);
            StateDocument twoThenOne = base.apply(List.of(second), StateLimits.DEFAULT).apply(List.of(first), StateLimits.DEFAULT);
            assertThat(oneThenTwo).as("case %d: %s and %s", i, first, second).isEqualTo(twoThenOne);

            assertThat(resolve(first, second, base.apply(List.of(first), StateLimits.DEFAULT)))
                    .as("case %d: %s after %s", i, second, first).isInstanceOf(Resolution.Apply.class);
        }
    }

    @Test
    void changesOnOverlappingPathsAlwaysConflict() {
        for (int i = 0; i < CASES; i++) {
            StateDocument base = randomDocument();
            JsonPointer theirs = JsonPointer.ofKey(KEYS.get(random.nextInt(KEYS.size())));
            JsonPointer mine = switch (random.nextInt(3)) {
                case 0 -> theirs;
                case 1 -> theirs.child("x" + random.nextInt(3));
                default -> theirs.child("x").child("y");
            };
            PatchOperation first = new PatchOperation.Add(theirs, randomScalar());
            PatchOperation second = new PatchOperation.Add(random.nextBoolean() ? mine : theirs, randomScalar());
            if (random.nextBoolean()) {
                PatchOperation swap = first;
                first = new PatchOperation.Add(mine, randomScalar());
                second = swap;
            }
            assertThat(resolve(first, second, base)).as("case %d: %s after %s", i, second, first)
                    .isInstanceOf(Resolution.Reject.class);
        }
    }

    private static Resolution resolve(PatchOperation newer, PatchOperation stale, StateDocument current) {
        AppliedChange applied = new AppliedChange(2, new MutationId("newer"), new DeviceId("a"), List.of(newer), T0);
        Change change = new Change(new MutationId("stale"), 1, List.of(stale), new DeviceId("b"), T0);
        return MergeResolver.INSTANCE.resolve(change, 2, Optional.of(List.of(applied)), current);
    }

    /** Two paths neither of which is the other or lies within it: different top-level keys. */
    private List<JsonPointer> disjointPaths(StateDocument document) {
        List<String> keys = new ArrayList<>(KEYS);
        Collections.shuffle(keys, random);
        return List.of(pathUnder(document, keys.get(0)), pathUnder(document, keys.get(1)));
    }

    /** The key itself, or a member of it when it holds an object. */
    private JsonPointer pathUnder(StateDocument document, String key) {
        JsonPointer top = JsonPointer.ofKey(key);
        Optional<JsonValue> value = document.valueAt(top);
        if (value.isPresent() && value.get() instanceof JsonObject o && !o.members().isEmpty() && random.nextBoolean()) {
            List<String> members = new ArrayList<>(o.members().keySet());
            return top.child(members.get(random.nextInt(members.size())));
        }
        return top;
    }

    /** An operation that is valid at the path: add or replace a value, or remove it when present. */
    private PatchOperation randomOperation(StateDocument document, JsonPointer path) {
        boolean present = document.valueAt(path).isPresent();
        return switch (random.nextInt(present ? 3 : 1)) {
            case 1 -> new PatchOperation.Replace(path, randomValue(2));
            case 2 -> new PatchOperation.Remove(path);
            default -> new PatchOperation.Add(path, randomValue(2));
        };
    }

    private StateDocument randomDocument() {
        Map<String, JsonValue> members = new LinkedHashMap<>();
        for (String key : KEYS) {
            if (random.nextInt(4) > 0) {
                members.put(key, randomValue(2));
            }
        }
        return StateDocument.of(new JsonObject(members));
    }

    private JsonValue randomValue(int depth) {
        int kind = random.nextInt(depth > 0 ? 5 : 3);
        return switch (kind) {
            case 3 -> {
                Map<String, JsonValue> members = new LinkedHashMap<>();
                for (int i = random.nextInt(3); i >= 0; i--) {
                    members.put("m" + random.nextInt(4), randomValue(depth - 1));
                }
                yield new JsonObject(members);
            }
            case 4 -> new JsonArray(List.of(randomValue(depth - 1), randomValue(depth - 1)));
            default -> randomScalar();
        };
    }

    private JsonValue randomScalar() {
        return switch (random.nextInt(3)) {
            case 0 -> JsonValue.of(random.nextInt(1000));
            case 1 -> JsonValue.of("s" + random.nextInt(1000));
            default -> JsonValue.of(random.nextBoolean());
        };
    }
}
