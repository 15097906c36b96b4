package io.syncbridge.domain.state;

import static io.syncbridge.domain.state.Json.add;
import static io.syncbridge.domain.state.Json.copy;
import static io.syncbridge.domain.state.Json.document;
import static io.syncbridge.domain.state.Json.move;
import static io.syncbridge.domain.state.Json.object;
import static io.syncbridge.domain.state.Json.remove;
import static io.syncbridge.domain.state.Json.replace;
import static io.syncbridge.domain.state.Json.test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.syncbridge.domain.error.SyncError;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * RFC 6902 move, copy and test: the RFC's own examples (section 3, appendix A.6–A.9, A.14, A.15),
 * the error cases its sections 4.4–4.6 name, and all-or-nothing application.
 */
class StateDocumentMoveCopyTestOperationsTest {

    private static JsonObject apply(String doc, PatchOperation... operations) {
        return document(doc).apply(List.of(operations), StateLimits.DEFAULT).root();
    }

    private static void assertInvalidState(String doc, PatchOperation... operations) {
        assertThatExceptionOfType(SyncError.InvalidState.class).isThrownBy(() -> apply(doc, operations));
    }

    @Test
    void appliesTheSamplePatchOfSection3() { // RFC 6902 section 3: all six operations in one document
        assertThat(apply("{'a':{'b':{'c':'foo'}}}",
                test("/a/b/c", "'foo'"),
                remove("/a/b/c"),
                add("/a/b/c", "['foo','bar']"),
                replace("/a/b/c", "42"),
                move("/a/b/c", "/a/b/d"),
                copy("/a/b/d", "/a/b/e")))
                .isEqualTo(object("{'a':{'b':{'d':42,'e':42}}}"));
    }

    @Nested
    class Move {

        @Test
        void movesAValue() { // RFC 6902 A.6
            assertThat(apply("{'foo':{'bar':'baz','waldo':'fred'},'qux':{'corge':'grault'}}",
                    move("/foo/waldo", "/qux/thud")))
                    .isEqualTo(object("{'foo':{'bar':'baz'},'qux':{'corge':'grault','thud':'fred'}}"));
        }

        @Test
        void movesAnArrayElement() { // RFC 6902 A.7
            assertThat(apply("{'foo':['all','grass','cows','eat']}", move("/foo/1", "/foo/3")))
                    .isEqualTo(object("{'foo':['all','cows','eat','grass']}"));
        }

        @Test
        void movingAValueOntoItselfChangesNothing() {
            assertThat(apply("{'a':{'b':1}}", move("/a", "/a"))).isEqualTo(object("{'a':{'b':1}}"));
        }

        @Test
        void replacesAnExistingTarget() {
            assertThat(apply("{'a':1,'b':2}", move("/a", "/b"))).isEqualTo(object("{'b':1}"));
        }

        @Test
        void refusesAMissingFrom() { // RFC 6902 4.4: the from location MUST exist
            assertInvalidState("{'a':1}", move("/missing", "/b"));
        }

        @Test
        void refusesMovingAValueIntoItsOwnChild() { // RFC 6902 4.4: from MUST NOT be a proper prefix of path
            assertInvalidState("{'a':{'b':1}}", move("/a", "/a/c"));
        }

        @Test
        void refusesATargetWhoseParentIsMissing() {
            assertInvalidState("{'a':1}", move("/a", "/x/y"));
        }
    }

    @Nested
    class Copy {

        @Test
        void copiesAValue() { // RFC 6902 4.5
            assertThat(apply("{'a':{'b':{'c':[1,{'d':true}]}}}", copy("/a/b/c", "/a/b/e")))
                    .isEqualTo(object("{'a':{'b':{'c':[1,{'d':true}],'e':[1,{'d':true}]}}}"));
        }

        @Test
        void copiesIntoAnArrayLikeAdd() {
            assertThat(apply("{'list':['x','y'],'v':'z'}", copy("/v", "/list/1"), copy("/list/0", "/list/-")))
                    .isEqualTo(object("{'list':['x','z','y','x'],'v':'z'}"));
        }

        @Test
        void refusesAMissingFrom() { // RFC 6902 4.5: the from location MUST exist
            assertInvalidState("{'a':1}", copy("/b", "/c"));
            assertInvalidState("{'a':[1]}", copy("/a/1", "/c"));
            assertInvalidState("{'a':[1]}", copy("/a/-", "/c"));
        }
    }

    @Nested
    class TestOperation {

        @Test
        void passesWhenTheValuesAreEqual() { // RFC 6902 A.8
            assertThat(apply("{'baz':'qux','foo':['a',2,'c']}", test("/baz", "'qux'"), test("/foo/1", "2")))
                    .isEqualTo(object("{'baz':'qux','foo':['a',2,'c']}"));
        }

        @Test
        void failsWhenTheValuesDiffer() { // RFC 6902 A.9
            assertInvalidState("{'baz':'qux'}", test("/baz", "'bar'"));
        }

        @Test
        void readsEscapedTokensInTheRightOrder() { // RFC 6902 A.14
            assertThat(apply("{'/':9,'~1':10}", test("/~01", "10"))).isEqualTo(object("{'/':9,'~1':10}"));
        }

        @Test
        void neverTakesAStringForANumber() { // RFC 6902 A.15
            assertInvalidState("{'/':9,'~1':10}", test("/~01", "'10'"));
        }

        @Test
        void comparesNumbersByValueObjectsWhateverTheOrderAndArraysInOrder() { // RFC 6902 4.6
            String doc = "{'n':1,'o':{'a':1,'b':[1,2]},'l':[1,2],'z':null}";
            assertThat(apply(doc, test("/n", "1.0"), test("/o", "{'b':[1,2],'a':1}"), test("/z", "null"),
                    test("", doc))).isEqualTo(object(doc));
            assertInvalidState(doc, test("/l", "[2,1]"));
            assertInvalidState(doc, test("/o", "{'a':1}"));
            assertInvalidState(doc, test("/z", "false"));
        }

        @Test
        void failsOnAMissingPath() {
            assertInvalidState("{'a':1}", test("/b", "null"));
            assertInvalidState("{'a':[1]}", test("/a/-", "1"));
        }
    }

    @Test
    void aFailingOperationLeavesTheWholeDocumentUnchanged() {
        StateDocument before = document("{'a':1,'list':[1,2]}");

        assertThatExceptionOfType(SyncError.InvalidState.class).isThrownBy(() -> before.apply(List.of(
                move("/a", "/b"), copy("/b", "/c"), add("/list/-", "3"), test("/c", "2")), StateLimits.DEFAULT));

        assertThat(before.root()).isEqualTo(object("{'a':1,'list':[1,2]}"));
    }
}
