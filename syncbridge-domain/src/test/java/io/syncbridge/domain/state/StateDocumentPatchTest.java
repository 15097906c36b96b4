package io.syncbridge.domain.state;

import static io.syncbridge.domain.state.Json.add;
import static io.syncbridge.domain.state.Json.document;
import static io.syncbridge.domain.state.Json.object;
import static io.syncbridge.domain.state.Json.remove;
import static io.syncbridge.domain.state.Json.replace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.syncbridge.domain.error.SyncError;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 6902 add, replace and remove, including the examples of its appendix A that use only them. */
class StateDocumentPatchTest {

    private static JsonObject apply(String doc, PatchOperation... operations) {
        return document(doc).apply(List.of(operations), StateLimits.DEFAULT).root();
    }

    private static String applyAndWrite(String doc, PatchOperation... operations) {
        return JsonCodec.write(apply(doc, operations));
    }

    private static void assertInvalidState(String doc, PatchOperation... operations) {
        assertThatExceptionOfType(SyncError.InvalidState.class).isThrownBy(() -> apply(doc, operations));
    }

    private static void assertInvalidPath(String doc, PatchOperation operation) {
        assertThatExceptionOfType(SyncError.InvalidPath.class)
                .isThrownBy(() -> apply(doc, operation))
                .satisfies(error -> assertThat(error.path()).isEqualTo(operation.path().toString()));
    }

    @Nested
    class Add {

        @Test
        void addsObjectMember() { // RFC 6902 A.1
            assertThat(apply("{'foo':'bar'}", add("/baz", "'qux'"))).isEqualTo(object("{'baz':'qux','foo':'bar'}"));
        }

        @Test
        void addsNewMemberAtTheEnd() {
            assertThat(applyAndWrite("{'b':1,'a':2}", add("/c", "3"))).isEqualTo("{\"b\":1,\"a\":2,\"c\":3}");
        }

        @Test
        void replacesExistingMemberInPlace() {
            assertThat(applyAndWrite("{'a':1,'b':2}", add("/a", "[3]"))).isEqualTo("{\"a\":[3],\"b\":2}");
        }

        @Test
        void insertsArrayElementAtIndex() { // RFC 6902 A.2
            assertThat(apply("{'foo':['bar','baz']}", add("/foo/1", "'qux'")))
                    .isEqualTo(object("{'foo':['bar','qux','baz']}"));
        }

        @Test
        void insertsAtIndexZero() {
            assertThat(apply("{'a':[1,2]}", add("/a/0", "0"))).isEqualTo(object("{'a':[0,1,2]}"));
        }

        @Test
        void insertsAtIndexEqualToSize() {
            assertThat(apply("{'a':[1,2]}", add("/a/2", "3"))).isEqualTo(object("{'a':[1,2,3]}"));
        }

        @Test
        void appendsWithDash() { // RFC 6902 A.16
            assertThat(apply("{'foo':['bar']}", add("/foo/-", "['abc','def']")))
                    .isEqualTo(object("{'foo':['bar',['abc','def']]}"));
        }

        @Test
        void appendsToEmptyArrayWithDash() {
            assertThat(apply("{'a':[]}", add("/a/-", "1"))).isEqualTo(object("{'a':[1]}"));
        }

        @Test
        void addsNestedMemberObject() { // RFC 6902 A.10
            assertThat(apply("{'foo':'bar'}", add("/child", "{'grandchild':{}}")))
                    .isEqualTo(object("{'foo':'bar','child':{'grandchild':{}}}"));
        }

        @Test
        void addsDeepInsideArraysAndObjects() {
            assertThat(apply("{'a':[{'b':[]}]}", add("/a/0/b/-", "{'c':1}")))
                    .isEqualTo(object("{'a':[{'b':[{'c':1}]}]}"));
        }

        @Test
        void treatsNumberAndDashTokensAsMemberNamesInObjects() {
            assertThat(apply("{'o':{}}", add("/o/-", "1"), add("/o/01", "2"), add("/o/", "3")))
                    .isEqualTo(object("{'o':{'-':1,'01':2,'':3}}"));
        }

        @Test
        void addsMemberWithEscapedName() {
            assertThat(apply("{}", add("/a~1b", "1"), add("/m~0n", "2"))).isEqualTo(object("{'a/b':1,'m~n':2}"));
        }

        @Test
        void refusesAddToNonexistentTarget() { // RFC 6902 A.12
            assertInvalidState("{'foo':'bar'}", add("/baz/bat", "'qux'"));
        }

        @Test
        void refusesIndexPastEnd() {
            assertInvalidState("{'foo':['bar','baz']}", add("/foo/3", "'x'"));
        }

        @Test
        void refusesHugeIndexAsOutOfRange() {
            assertInvalidState("{'a':[1]}", add("/a/99999999999999999999999", "2"));
        }

        @Test
        void refusesLeadingZeroIndex() {
            assertInvalidPath("{'foo':['bar','baz']}", add("/foo/01", "'x'"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"/a/x", "/a/-1", "/a/+1", "/a/1.0", "/a/ 1", "/a/", "/a/1e0", "/a/١"})
        void refusesTokensThatAreNotArrayIndexes(String path) {
            assertInvalidPath("{'a':[1,2]}", new PatchOperation.Add(JsonPointer.parse(path), JsonNull.INSTANCE));
        }

        @Test
        void refusesLeadingZeroIndexOnTheWayToTheTarget() {
            assertInvalidPath("{'a':[{}]}", add("/a/00/b", "1"));
        }

        @Test
        void refusesTraversingThroughScalar() {
            assertInvalidState("{'a':1}", add("/a/b", "2"));
            assertInvalidState("{'a':'text'}", add("/a/0", "2"));
            assertInvalidState("{'a':{'b':null}}", add("/a/b/c/d", "2"));
        }

        @Test
        void refusesTraversingThroughDash() {
            assertInvalidState("{'a':[{}]}", add("/a/-/b", "1"));
        }

        @Test
        void replacesWholeDocumentAtRootWithObject() {
            assertThat(apply("{'a':1}", add("", "{'b':2}"))).isEqualTo(object("{'b':2}"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"[]", "1", "'x'", "null", "true"})
        void refusesNonObjectAtRoot(String json) {
            assertInvalidState("{'a':1}", add("", json));
        }
    }

    @Nested
    class Replace {

        @Test
        void replacesValue() { // RFC 6902 A.5
            assertThat(apply("{'baz':'qux','foo':'bar'}", replace("/baz", "'boo'")))
                    .isEqualTo(object("{'baz':'boo','foo':'bar'}"));
        }

        @Test
        void keepsMemberPosition() {
            assertThat(applyAndWrite("{'a':1,'b':2}", replace("/a", "3"))).isEqualTo("{\"a\":3,\"b\":2}");
        }

        @Test
        void replacesArrayElement() {
            assertThat(apply("{'a':[1,2,3]}", replace("/a/1", "{'x':[]}"))).isEqualTo(object("{'a':[1,{'x':[]},3]}"));
        }

        @Test
        void targetsMemberNamedWithEscapes() { // the documents of RFC 6902 A.14
            assertThat(apply("{'/':9,'~1':10}", replace("/~01", "11"))).isEqualTo(object("{'/':9,'~1':11}"));
            assertThat(apply("{'/':9,'~1':10}", replace("/~1", "8"))).isEqualTo(object("{'/':8,'~1':10}"));
        }

        @Test
        void refusesMissingMember() {
            assertInvalidState("{'a':1}", replace("/b", "2"));
        }

        @Test
        void refusesIndexEqualToSize() {
            assertInvalidState("{'a':[1,2]}", replace("/a/2", "3"));
        }

        @Test
        void refusesDash() {
            assertInvalidState("{'a':[1,2]}", replace("/a/-", "3"));
        }

        @Test
        void refusesLeadingZeroIndex() {
            assertInvalidPath("{'a':[1,2]}", replace("/a/01", "3"));
        }

        @Test
        void refusesMissingParent() {
            assertInvalidState("{'a':{}}", replace("/a/b/c", "3"));
        }

        @Test
        void replacesRootWithObject() {
            assertThat(apply("{'a':1}", replace("", "{}"))).isEqualTo(JsonObject.EMPTY);
        }

        @ParameterizedTest
        @ValueSource(strings = {"[1]", "2", "'x'", "null", "false"})
        void refusesNonObjectAtRoot(String json) {
            assertInvalidState("{'a':1}", replace("", json));
        }
    }

    @Nested
    class Remove {

        @Test
        void removesObjectMember() { // RFC 6902 A.3
            assertThat(apply("{'baz':'qux','foo':'bar'}", remove("/baz"))).isEqualTo(object("{'foo':'bar'}"));
        }

        @Test
        void removesArrayElement() { // RFC 6902 A.4
            assertThat(apply("{'foo':['bar','qux','baz']}", remove("/foo/1"))).isEqualTo(object("{'foo':['bar','baz']}"));
        }

        @Test
        void removesNestedMember() {
            assertThat(apply("{'a':{'b':1,'c':2}}", remove("/a/b"))).isEqualTo(object("{'a':{'c':2}}"));
        }

        @Test
        void refusesMissingMember() {
            assertInvalidState("{'a':1}", remove("/b"));
        }

        @Test
        void refusesOutOfRangeIndex() {
            assertInvalidState("{'a':[1]}", remove("/a/1"));
        }

        @Test
        void refusesDash() {
            assertInvalidState("{'a':[1]}", remove("/a/-"));
        }

        @Test
        void refusesLeadingZeroIndex() {
            assertInvalidPath("{'a':[1,2]}", remove("/a/01"));
        }

        @Test
        void refusesRemovingTheRoot() {
            assertInvalidPath("{'a':1}", remove(""));
        }

        @Test
        void removingLastMemberGivesEmptyDocument() {
            StateDocument result = document("{'a':1}").apply(List.of(remove("/a")), StateLimits.DEFAULT);

            assertThat(result.isEmpty()).isTrue();
            assertThat(result).isEqualTo(StateDocument.EMPTY);
        }
    }
}
