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

    private static PatchOperation move(String from, String path) {
        return new PatchOperation.Move(JsonPointer.parse(from), JsonPointer.parse(path));
    }

    private static PatchOperation copy(String from, String path) {
        return new PatchOperation.Copy(JsonPointer.parse(from), JsonPointer.parse(path));
    }

    @ParameterizedTest(name = "their move /a -> /b vs my replace of {0} conflicts: {1}")
    @CsvSource({"/a, true", "/a/x, true", "/b, true", "/b/y, true", "/c, false"})
    void aNewerMoveTouchesBothItsFromAndItsPath(String replaced, boolean conflicts) {
        assertThat(resolve(move("/a", "/b"), replace(replaced)) instanceof Resolution.Reject).isEqualTo(conflicts);
    }

    @ParameterizedTest(name = "their copy /a -> /b vs my replace of {0} conflicts: {1}")
    @CsvSource({"/a, true", "/b, true", "/c, false"})
    void aNewerCopyTouchesBothItsFromAndItsPath(String replaced, boolean conflicts) {
        assertThat(resolve(copy("/a", "/b"), replace(replaced)) instanceof Resolution.Reject).isEqualTo(conflicts);
    }

    @ParameterizedTest(name = "my move/copy /a -> /b vs their replace of {0} conflicts: {1}")
    @CsvSource({"/a, true", "/b, true", "/a/deep, true", "/c, false"})
    void aStaleMoveOrCopyConflictsOnEitherOfItsPaths(String replaced, boolean conflicts) {
        assertThat(resolve(replace(replaced), move("/a", "/b")) instanceof Resolution.Reject).isEqualTo(conflicts);
        assertThat(resolve(replace(replaced), copy("/a", "/b")) instanceof Resolution.Reject).isEqualTo(conflicts);
    }

    @ParameterizedTest(name = "their move out of /list/0 vs my replace of {0} conflicts: {1}")
    @CsvSource({"/list/3, true", "/other, false"})
    void movingOutOfAnArrayShiftsItsElements(String replaced, boolean conflicts) {
        assertThat(resolve(move("/list/0", "/first"), replace(replaced)) instanceof Resolution.Reject)
                .isEqualTo(conflicts);
    }

    @ParameterizedTest(name = "their test of {0} vs my replace of /a conflicts: {1}")
    @CsvSource({"/a, false", "/b, false"})
    void aNewerTestTouchesNothing(String tested, boolean conflicts) {
        PatchOperation test = new PatchOperation.Test(JsonPointer.parse(tested), JsonValue.of(1));
        assertThat(resolve(test, replace("/a")) instanceof Resolution.Reject).isEqualTo(conflicts);
    }

    @ParameterizedTest(name = "my stale test of {0} vs their replace of /a conflicts: {1}")
    @CsvSource({"/a, true", "/a/x, true", "/b, false"})
    void aStaleTestConflictsWithWhatChangedSince(String tested, boolean conflicts) {
        PatchOperation test = new PatchOperation.Test(JsonPointer.parse(tested), JsonValue.of(1));
        assertThat(resolve(replace("/a"), test) instanceof Resolution.Reject).isEqualTo(conflicts);
    }

    @org.junit.jupiter.api.Test
    void aConflictNamesTheMoveLocationThatOverlaps() {
        Resolution r = resolve(replace("/a"), move("/a", "/b"));
        assertThat(r).isInstanceOfSatisfying(Resolution.Reject.class, reject ->
                assertThat(reject.conflicts()).extracting(c -> c.path().toString()).containsExactly("/a"));
    }
}
