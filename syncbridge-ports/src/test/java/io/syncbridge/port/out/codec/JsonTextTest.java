package io.syncbridge.port.out.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.syncbridge.domain.state.JsonArray;
import io.syncbridge.domain.state.JsonBoolean;
import io.syncbridge.domain.state.JsonCodec;
import io.syncbridge.domain.state.JsonNull;
import io.syncbridge.domain.state.JsonNumber;
import io.syncbridge.domain.state.JsonObject;
import io.syncbridge.domain.state.JsonString;
import io.syncbridge.domain.state.JsonValue;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The codecs' strict parser: what it reads, what it refuses and where, and round trips with the writer. */
class JsonTextTest {

    @Test
    void parsesEveryKindOfValue() {
        JsonValue value = JsonText.parse("{\"s\":\"x\",\"n\":-1.5e2,\"t\":true,\"f\":false,\"z\":null,\"a\":[{}],\"o\":{}}");

        Map<String, JsonValue> expected = new LinkedHashMap<>();
        expected.put("s", new JsonString("x"));
        expected.put("n", JsonNumber.of(-150));
        expected.put("t", JsonBoolean.TRUE);
        expected.put("f", JsonBoolean.FALSE);
        expected.put("z", JsonNull.INSTANCE);
        expected.put("a", new JsonArray(List.of(JsonObject.EMPTY)));
        expected.put("o", JsonObject.EMPTY);
        assertThat(value).isEqualTo(new JsonObject(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "\"x\"", "true", "null", "[]", "{}"})
    void parsesAnyValueAtTopLevel(String text) {
        assertThat(JsonCodec.write(JsonText.parse(text))).isEqualTo(text);
    }

    @Test
    void keepsMemberOrder() {
        JsonObject object = (JsonObject) JsonText.parse("{\"z\":1,\"a\":2,\"m\":3}");

        assertThat(object.members().keySet()).containsExactly("z", "a", "m");
    }

    @Test
    void allowsWhitespaceBetweenTokens() {
        JsonValue value = JsonText.parse(" \t\n\r{ \"a\" : [ 1 , 2 ] ,\r\n\"b\":\t{ } } \n");

        assertThat(JsonCodec.write(value)).isEqualTo("{\"a\":[1,2],\"b\":{}}");
    }

    @Test
    void letsTheLastDuplicateMemberWin() {
        JsonObject object = (JsonObject) JsonText.parse("{\"a\":1,\"b\":2,\"a\":3}");

        assertThat(object.size()).isEqualTo(2);
        assertThat(object.get("a")).contains(JsonNumber.of(3));
    }

    @Test
    void decodesSimpleEscapes() {
        assertThat(JsonText.parse("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"")).isEqualTo(new JsonString("\"\\/\b\f\n\r\t"));
    }

    @Test
    void decodesUnicodeEscapesAndSurrogatePairs() {
        assertThat(JsonText.parse("\"\\u00e9\\u00C9\\u65e5\\uD83D\\uDE00\\u0000\""))
                .isEqualTo(new JsonString("éÉ日😀\u0000"));
    }

    @Test
    void keepsRawNonAsciiCharacters() {
        assertThat(JsonText.parse("\"é日本😀\u2028\"")).isEqualTo(new JsonString("é日本😀\u2028"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"9223372036854775807", "12345678901234567890", "-12345678901234567890",
        "123456789012345678901234567890123456789"})
    void parsesBigIntegersExactly(String text) {
        JsonValue value = JsonText.parse(text);

        assertThat(value).isEqualTo(new JsonNumber(new BigDecimal(text)));
        assertThat(JsonCodec.write(value)).isEqualTo(text);
    }

    @Test
    void parsesDecimalsExactly() {
        assertThat(JsonText.parse("0.1")).isEqualTo(new JsonNumber(new BigDecimal("0.1")));
        assertThat(JsonCodec.write(JsonText.parse("-0.000123456789012345678901"))).isEqualTo("-0.000123456789012345678901");
        assertThat(JsonCodec.write(JsonText.parse("3.14159265358979323846264338327950288")))
                .isEqualTo("3.14159265358979323846264338327950288");
    }

    @Test
    void parsesExponents() {
        assertThat(JsonCodec.write(JsonText.parse("1e3"))).isEqualTo("1000");
        assertThat(JsonCodec.write(JsonText.parse("1.5E+2"))).isEqualTo("150");
        assertThat(JsonCodec.write(JsonText.parse("-2e-3"))).isEqualTo("-0.002");
        assertThat(JsonCodec.write(JsonText.parse("1e-7"))).isEqualTo("1E-7");
        assertThat(JsonCodec.write(JsonText.parse("-0"))).isEqualTo("0");
        assertThat(JsonText.parse("1e0010")).isEqualTo(JsonNumber.of(10_000_000_000L));
    }

    @Test
    void acceptsExponentsUpToTheLimit() {
        assertThat(JsonCodec.write(JsonText.parse("1e10000"))).isEqualTo("1E+10000");
        assertThat(JsonCodec.write(JsonText.parse("-1E-10000"))).isEqualTo("-1E-10000");
    }

    @Test
    void acceptsNestingUpToTheLimit() {
        int depth = JsonText.MAX_DEPTH;
        String text = "[".repeat(depth - 1) + "{\"a\":1}" + "]".repeat(depth - 1);

        assertThat(depthOf(JsonText.parse(text))).isEqualTo(depth);
    }

    @Test
    void refusesNestingPastTheLimit() {
        int depth = JsonText.MAX_DEPTH + 1;
        String text = "[".repeat(depth) + "]".repeat(depth);

        assertThatIllegalArgumentException().isThrownBy(() -> JsonText.parse(text))
                .withMessageContaining("offset " + (depth - 1));
    }

    @Test
    void refusesVeryDeepNestingWithoutOverflowingTheStack() {
        String text = "{\"a\":".repeat(100_000);

        assertThatIllegalArgumentException().isThrownBy(() -> JsonText.parse(text));
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("", 0),
                Arguments.of("   ", 3),
                Arguments.of("{", 1),
                Arguments.of("[", 1),
                Arguments.of("[1", 2),
                Arguments.of("[1,]", 3),
                Arguments.of("{\"a\":1,}", 7),
                Arguments.of("[1,,2]", 3),
                Arguments.of("[1 2]", 3),
                Arguments.of("{\"a\" 1}", 5),
                Arguments.of("{\"a\":}", 5),
                Arguments.of("{'a':1}", 1),
                Arguments.of("{a:1}", 1),
                Arguments.of("{1:1}", 1),
                Arguments.of("1 2", 2),
                Arguments.of("{} x", 3),
                Arguments.of("[1]]", 3),
                Arguments.of("01", 0),
                Arguments.of("-01", 1),
                Arguments.of("00.5", 0),
                Arguments.of("-", 1),
                Arguments.of("1.", 2),
                Arguments.of(".5", 0),
                Arguments.of("1.e5", 2),
                Arguments.of("1e", 2),
                Arguments.of("1e+", 3),
                Arguments.of("+1", 0),
                Arguments.of("0x10", 1),
                Arguments.of("NaN", 0),
                Arguments.of("Infinity", 0),
                Arguments.of("-Infinity", 1),
                Arguments.of("tru", 0),
                Arguments.of("nul", 0),
                Arguments.of("True", 0),
                Arguments.of("truex", 4),
                Arguments.of("\"abc", 4),
                Arguments.of("\"\\x\"", 1),
                Arguments.of("\"ab\\", 3),
                Arguments.of("\"\\u12\"", 1),
                Arguments.of("\"\\u12g4\"", 1),
                Arguments.of("\"a\u0001\"", 2),
                Arguments.of("\"a\tb\"", 2),
                Arguments.of("\"a\nb\"", 2),
                Arguments.of("// c\n1", 0),
                Arguments.of("/* c */ 1", 0),
                Arguments.of("[1] // c", 4),
                Arguments.of("\u00a01", 0),
                Arguments.of("\uFEFF{}", 0),
                Arguments.of("1e10001", 2),
                Arguments.of("1e-10001", 3),
                Arguments.of("1e99999999999999999999", 2),
                Arguments.of("[1e100000]", 3));
    }

    @ParameterizedTest(name = "[{index}] offset {1}")
    @MethodSource("malformed")
    void refusesMalformedTextNamingTheOffset(String text, int offset) {
        assertThatIllegalArgumentException().isThrownBy(() -> JsonText.parse(text))
                .withMessageStartingWith("Invalid JSON at offset " + offset + ":");
    }

    @Test
    void refusesNumbersWhoseDigitsReachPastTheExponentLimit() {
        assertThatIllegalArgumentException().isThrownBy(() -> JsonText.parse("1" + "0".repeat(10_001)))
                .withMessageContaining("offset 0");
        assertThatIllegalArgumentException().isThrownBy(() -> JsonText.parse("0." + "0".repeat(10_000) + "1"))
                .withMessageContaining("offset 0");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"a\":[1,2,{\"b\":null}],\"c\":\"d\"}",
        "[9223372036854775807,12345678901234567890,-1,0.5,1E-7,1E+50]",
        "\"\\\"\\\\\\b\\f\\n\\r\\t\\u0001/é日本😀\"",
        "{\"\":{\"\":[]},\"a/b\":\"~\"}",
    })
    void roundTripsText(String text) {
        assertThat(JsonCodec.write(JsonText.parse(text))).isEqualTo(text);
    }

    @Test
    void roundTripsValues() {
        Map<String, JsonValue> members = new LinkedHashMap<>();
        members.put("unicode", new JsonString("é日本😀\u2028"));
        members.put("escapes", new JsonString("\"\\/\b\f\n\r\t\u0000\u001f\u007f"));
        members.put("lone surrogate", new JsonString("\uD800"));
        members.put("long max", JsonNumber.of(Long.MAX_VALUE));
        members.put("big", new JsonNumber(new BigDecimal("12345678901234567890")));
        members.put("decimal", new JsonNumber(new BigDecimal("-1234.5678")));
        members.put("tiny", new JsonNumber(new BigDecimal("1e-300")));
        members.put("nested", new JsonArray(List.of(JsonObject.EMPTY, JsonArray.EMPTY, JsonNull.INSTANCE)));
        JsonObject value = new JsonObject(members);

        assertThat(JsonText.parse(JsonCodec.write(value))).isEqualTo(value);
        assertThat(JsonText.parse(JsonCodec.writeCanonical(value))).isEqualTo(value);
    }

    private static int depthOf(JsonValue value) {
        return switch (value) {
            case JsonObject o -> 1 + o.members().values().stream().mapToInt(JsonTextTest::depthOf).max().orElse(0);
            case JsonArray a -> 1 + a.elements().stream().mapToInt(JsonTextTest::depthOf).max().orElse(0);
            default -> 0;
        };
    }
}
