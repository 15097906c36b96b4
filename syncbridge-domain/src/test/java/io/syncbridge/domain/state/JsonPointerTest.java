package io.syncbridge.domain.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.syncbridge.domain.error.SyncError;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonPointerTest {

    @Test
    void parsesEmptyTextAsRoot() {
        JsonPointer root = JsonPointer.parse("");

        assertThat(root).isEqualTo(JsonPointer.ROOT);
        assertThat(root.isRoot()).isTrue();
        assertThat(root.tokens()).isEmpty();
        assertThat(root).hasToString("");
    }

    @Test
    void parsesRfc6901Examples() {
        assertThat(JsonPointer.parse("/foo").tokens()).containsExactly("foo");
        assertThat(JsonPointer.parse("/foo/0").tokens()).containsExactly("foo", "0");
        assertThat(JsonPointer.parse("/").tokens()).containsExactly("");
        assertThat(JsonPointer.parse("/a~1b").tokens()).containsExactly("a/b");
        assertThat(JsonPointer.parse("/c%d").tokens()).containsExactly("c%d");
        assertThat(JsonPointer.parse("/e^f").tokens()).containsExactly("e^f");
        assertThat(JsonPointer.parse("/g|h").tokens()).containsExactly("g|h");
        assertThat(JsonPointer.parse("/i\\j").tokens()).containsExactly("i\\j");
        assertThat(JsonPointer.parse("/k\"l").tokens()).containsExactly("k\"l");
        assertThat(JsonPointer.parse("/ ").tokens()).containsExactly(" ");
        assertThat(JsonPointer.parse("/m~0n").tokens()).containsExactly("m~n");
    }

    @Test
    void keepsEmptyTokens() {
        assertThat(JsonPointer.parse("//").tokens()).containsExactly("", "");
        assertThat(JsonPointer.parse("/a/").tokens()).containsExactly("a", "");
    }

    @Test
    void decodesTildeOneBeforeTildeZero() {
        assertThat(JsonPointer.parse("/~01").tokens()).containsExactly("~1");
        assertThat(JsonPointer.parse("/~10").tokens()).containsExactly("/0");
        assertThat(JsonPointer.parse("/~0~1~0").tokens()).containsExactly("~/~");
    }

    @ParameterizedTest
    @ValueSource(strings = {"foo", "#/foo", " /foo", "a/b"})
    void refusesTextNotStartingWithSlash(String text) {
        assertThatExceptionOfType(SyncError.InvalidPath.class)
                .isThrownBy(() -> JsonPointer.parse(text))
                .satisfies(error -> assertThat(error.path()).isEqualTo(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a~", "/a~2", "/~x/b", "/~~0", "/~/"})
    void refusesTildeNotFollowedByZeroOrOne(String text) {
        assertThatExceptionOfType(SyncError.InvalidPath.class)
                .isThrownBy(() -> JsonPointer.parse(text))
                .satisfies(error -> assertThat(error.path()).isEqualTo(text));
    }

    @Test
    void escapesTildeBeforeSlashWhenWritten() {
        JsonPointer pointer = new JsonPointer(List.of("a/b", "m~n", "~1", "/0", ""));

        assertThat(pointer).hasToString("/a~1b/m~0n/~01/~10/");
        assertThat(JsonPointer.parse(pointer.toString())).isEqualTo(pointer);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "/foo/0", "/a~1b", "/m~0n", "/~01", "//x/", "/ü/😀"})
    void roundTripsThroughText(String text) {
        assertThat(JsonPointer.parse(text)).hasToString(text);
    }

    @Test
    void givesParentAndLastToken() {
        JsonPointer pointer = JsonPointer.parse("/a/b~1c/0");

        assertThat(pointer.parent()).isEqualTo(JsonPointer.parse("/a/b~1c"));
        assertThat(pointer.lastToken()).isEqualTo("0");
        assertThat(JsonPointer.parse("/a").parent()).isEqualTo(JsonPointer.ROOT);
        assertThat(JsonPointer.parse("/a~1b").lastToken()).isEqualTo("a/b");
    }

    @Test
    void refusesParentOfRoot() {
        assertThatExceptionOfType(SyncError.InvalidPath.class).isThrownBy(JsonPointer.ROOT::parent);
    }

    @Test
    void refusesLastTokenOfRoot() {
        assertThatExceptionOfType(SyncError.InvalidPath.class).isThrownBy(JsonPointer.ROOT::lastToken);
    }

    @Test
    void buildsChildPointers() {
        JsonPointer child = JsonPointer.ROOT.child("a/b").child("~");

        assertThat(child.tokens()).containsExactly("a/b", "~");
        assertThat(child).hasToString("/a~1b/~0");
        assertThat(JsonPointer.ofKey("k")).isEqualTo(JsonPointer.ROOT.child("k"));
    }

    @Test
    void comparesByTokens() {
        assertThat(JsonPointer.parse("/a~1b")).isEqualTo(new JsonPointer(List.of("a/b")));
        assertThat(JsonPointer.parse("/a~1b")).isNotEqualTo(JsonPointer.parse("/a/b"));
    }

    @ParameterizedTest(name = "{0} is a prefix of {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "''        | /a     | true",
        "''        | ''     | true",
        "/a        | /a     | true",
        "/a        | /a/b   | true",
        "/a        | /a/b/c | true",
        "/a/b      | /a     | false",
        "/a        | /ab    | false",
        "/a        | /b/a   | false",
        "/a~1b     | /a/b   | false",
        "/a/b      | ''     | false",
    })
    void decidesPrefixByWholeTokens(String pointer, String other, boolean expected) {
        assertThat(JsonPointer.parse(pointer).isPrefixOf(JsonPointer.parse(other))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} overlaps {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "/a/b   | /a/b   | true",
        "/a     | /a/b/c | true",
        "/a/b/c | /a     | true",
        "''     | /x/y   | true",
        "/x/y   | ''     | true",
        "''     | ''     | true",
        "/a/b   | /a/c   | false",
        "/a     | /ab    | false",
        "/ab    | /a     | false",
        "/a/0   | /a/00  | false",
        "/a~1b  | /a/b   | false",
    })
    void overlapsWhenEqualOrAncestorOrDescendant(String pointer, String other, boolean expected) {
        assertThat(JsonPointer.parse(pointer).overlaps(JsonPointer.parse(other))).isEqualTo(expected);
    }
}
