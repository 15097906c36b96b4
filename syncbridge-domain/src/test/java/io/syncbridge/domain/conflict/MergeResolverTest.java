package io.syncbridge.domain.conflict;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.domain.change.AppliedChange;
import io.syncbridge.domain.change.Change;
import io.syncbridge.domain.change.MutationId;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.state.JsonPointer;
import io.syncbridge.domain.state.JsonValue;
import io.syncbridge.domain.state.PatchOperation;
import io.syncbridge.domain.state.StateDocument;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MergeResolverTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private static Resolution resolve(PatchOperation theirs, PatchOperation mine) {
        AppliedChange newer = new AppliedChange(2, new MutationId("theirs"), new DeviceId("a"), List.of(theirs), T0);
        Change change = new Change(new MutationId("mine"), 1, List.of(mine), new DeviceId("b"), T0);
        return MergeResolver.INSTANCE.resolve(change, 2, Optional.of(List.of(newer)), StateDocument.EMPTY);
    }

    private static PatchOperation replace(String path) {
        return new PatchOperation.Replace(JsonPointer.parse(path), JsonValue.of(1));
    }

    @ParameterizedTest(name = "{0} vs {1} conflicts: {2}")
    @CsvSource({
            "/a, /a, true",
            "/a, /a/b, true",
            "/a/b, /a, true",
            "/a, /b, false",
            "/a, /ab, false",
            "/list/0, /list/1, false",
            "'', /anything, true",
    })
    void overlapOfReplacedPaths(String theirs, String mine, boolean conflicts) {
        assertThat(resolve(replace(theirs), replace(mine)) instanceof Resolution.Reject).isEqualTo(conflicts);
    }

    @ParameterizedTest(name = "array insert at {0} vs replace of {1} conflicts")
    @CsvSource({"/list/-, /list/3", "/list/0, /list/5"})
    void insertingIntoAnArrayTouchesTheWholeArray(String insertAt, String replaced) {
        PatchOperation insert = new PatchOperation.Add(JsonPointer.parse(insertAt), JsonValue.of(1));
        assertThat(resolve(insert, replace(replaced))).isInstanceOf(Resolution.Reject.class);
    }

    @ParameterizedTest(name = "v1 key {0} vs {1} conflicts: {2}")
    @CsvSource({"score, score, true", "score, level, false"})
    void v1KeysOverlapLikeTopLevelPaths(String theirs, String mine, boolean conflicts) {
        Resolution r = resolve(new PatchOperation.SetKey(theirs, JsonValue.of(1)), new PatchOperation.DeleteKey(mine));
        assertThat(r instanceof Resolution.Reject).isEqualTo(conflicts);
    }
}
