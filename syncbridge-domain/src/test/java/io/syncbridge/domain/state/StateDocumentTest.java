package io.syncbridge.domain.state;

import static io.syncbridge.domain.state.Json.document;
import static io.syncbridge.domain.state.Json.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading a document by pointer, and its checksum. */
class StateDocumentTest {

    /** The example document of RFC 6901 section 5. */
    private static final StateDocument RFC_6901 = StateDocument.of((JsonObject) Json.parse("""
            {
              "foo": ["bar", "baz"],
              "": 0,
              "a/b": 1,
              "c%d": 2,
              "e^f": 3,
              "g|h": 4,
              "i\\\\j": 5,
              "k\\"l": 6,
              " ": 7,
              "m~n": 8
            }"""));

    static Stream<Arguments> rfc6901Examples() {
        return Stream.of(
                Arguments.of("", RFC_6901.root()),
                Arguments.of("/foo", value("['bar','baz']")),
                Arguments.of("/foo/0", value("'bar'")),
                Arguments.of("/", JsonNumber.of(0)),
                Arguments.of("/a~1b", JsonNumber.of(1)),
                Arguments.of("/c%d", JsonNumber.of(2)),
                Arguments.of("/e^f", JsonNumber.of(3)),
                Arguments.of("/g|h", JsonNumber.of(4)),
                Arguments.of("/i\\j", JsonNumber.of(5)),
                Arguments.of("/k\"l", JsonNumber.of(6)),
                Arguments.of("/ ", JsonNumber.of(7)),
                Arguments.of("/m~0n", JsonNumber.of(8)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rfc6901Examples")
    void findsRfc6901Examples(String pointer, JsonValue expected) {
        assertThat(RFC_6901.valueAt(JsonPointer.parse(pointer))).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/missing", "/foo/2", "/foo/-", "/foo/01", "/foo/x", "/foo/0/x", "/a~1b/c", "/foo/99999999999999999999"})
    void findsNothingWhereThereIsNoNode(String pointer) {
        assertThat(RFC_6901.valueAt(JsonPointer.parse(pointer))).isEmpty();
    }

    @Test
    void findsNodesInNestedArrays() {
        StateDocument doc = document("{'a':[[1,{'b':null}]]}");

        assertThat(doc.valueAt(JsonPointer.parse("/a/0/1/b"))).contains(JsonNull.INSTANCE);
        assertThat(doc.valueAt(JsonPointer.parse("/a/0/0"))).contains(JsonNumber.of(1));
    }

    @Test
    void checksumsTheCanonicalEncoding() {
        // sha256 of the two bytes "{}"
        assertThat(StateDocument.EMPTY.checksum())
                .isEqualTo("sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
        assertThat(document("{'b':[1,{'y':2,'x':'é'}],'a':true}").checksum()).matches("sha256:[0-9a-f]{64}");
    }

    @Test
    void checksumIgnoresMemberOrder() {
        StateDocument one = document("{'a':1,'b':{'x':[1,{'p':1,'q':2}],'y':2}}");
        StateDocument other = document("{'b':{'y':2,'x':[1,{'q':2,'p':1}]},'a':1}");

        assertThat(one.checksum()).isEqualTo(other.checksum());
    }

    @Test
    void checksumKeepsArrayOrder() {
        assertThat(document("{'a':[1,2]}").checksum()).isNotEqualTo(document("{'a':[2,1]}").checksum());
    }

    @Test
    void checksumDiffersForDifferentContent() {
        assertThat(document("{'a':1}").checksum())
                .isNotEqualTo(document("{'a':2}").checksum())
                .isNotEqualTo(document("{'a':'1'}").checksum())
                .isNotEqualTo(document("{'b':1}").checksum());
    }

    @Test
    void checksumTreatsNumericallyEqualNumbersAlike() {
        assertThat(document("{'n':1.0,'m':1e2}").checksum()).isEqualTo(document("{'n':1,'m':100}").checksum());
    }

    @Test
    void checksumIsStableAcrossCalls() {
        StateDocument doc = document("{'a':[1,2,3]}");

        String first = doc.checksum();

        assertThat(doc.checksum()).isSameAs(first);
        assertThat(StateDocument.of(doc.root()).checksum()).isEqualTo(first);
    }

    @Test
    void checksumFollowsApply() {
        StateDocument doc = document("{'a':1}");

        StateDocument changed = doc.apply(List.of(Json.add("/b", "2")), StateLimits.DEFAULT);

        assertThat(changed.checksum()).isEqualTo(document("{'b':2,'a':1}").checksum()).isNotEqualTo(doc.checksum());
    }
}
