package io.syncbridge.domain.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The compact and canonical writers, and the size measure that must agree with them. */
class JsonCodecWriteTest {

    private static JsonObject members(Object... namesAndValues) {
        Map<String, JsonValue> members = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            members.put((String) namesAndValues[i], (JsonValue) namesAndValues[i + 1]);
        }
        return new JsonObject(members);
    }

    private static String written(String text) {
        return JsonCodec.write(new JsonString(text));
    }

    @Test
    void writesCompactlyWithMembersInOrder() {
        JsonObject value = members(
                "b", JsonNumber.of(1),
                "a", new JsonArray(List.of(JsonBoolean.TRUE, JsonBoolean.FALSE, JsonNull.INSTANCE, new JsonString("x"))),
                "c", members(),
                "d", JsonArray.EMPTY);

        assertThat(JsonCodec.write(value)).isEqualTo("{\"b\":1,\"a\":[true,false,null,\"x\"],\"c\":{},\"d\":[]}");
    }

    @Test
    void sortsMembersAtEveryLevelWhenCanonical() {
        JsonObject value = members(
                "b", new JsonArray(List.of(members("z", JsonNumber.of(1), "y", JsonNumber.of(2)))),
                "a", members("d", JsonNull.INSTANCE, "c", JsonNull.INSTANCE));

        assertThat(JsonCodec.writeCanonical(value))
                .isEqualTo("{\"a\":{\"c\":null,\"d\":null},\"b\":[{\"y\":2,\"z\":1}]}");
        assertThat(JsonCodec.write(value)).startsWith("{\"b\":");
    }

    @Test
    void sortsNamesInStringNaturalOrder() {
        JsonObject value = members("b", JsonNumber.of(1), "aa", JsonNumber.of(2), "B", JsonNumber.of(3),
                "a", JsonNumber.of(4), "", JsonNumber.of(5), "é", JsonNumber.of(6));

        assertThat(JsonCodec.writeCanonical(value)).isEqualTo("{\"\":5,\"B\":3,\"a\":4,\"aa\":2,\"b\":1,\"é\":6}");
    }

    @Test
    void escapesQuoteBackslashAndControlCharacters() {
        assertThat(written("q\"b\\s/")).isEqualTo("\"q\\\"b\\\\s/\"");
        assertThat(written("\b\f\n\r\t")).isEqualTo("\"\\b\\f\\n\\r\\t\"");
        assertThat(written("\u0000\u0001\u001f\u007f")).isEqualTo("\"\\u0000\\u0001\\u001f\u007f\"");
    }

    @Test
    void keepsNonAsciiAsIs() {
        assertThat(written("é日本😀\u2028")).isEqualTo("\"é日本😀\u2028\"");
    }

    @Test
    void escapesLoneSurrogatesThatUtf8CannotCarry() {
        assertThat(written("a\uD800b\uDC00")).isEqualTo("\"a\\ud800b\\udc00\"");
    }

    @ParameterizedTest
    @CsvSource({
        "9223372036854775807, 9223372036854775807",
        "12345678901234567890, 12345678901234567890",
        "-12345678901234567890, -12345678901234567890",
        "0, 0",
        "-0.0, 0",
        "1.50, 1.5",
        "1e3, 1000",
        "0.0000001, 1E-7",
        "1e50, 1E+50",
        "3.141592653589793238462643383279, 3.141592653589793238462643383279",
    })
    void writesNumbersExactly(String decimal, String expected) {
        assertThat(JsonCodec.write(new JsonNumber(new BigDecimal(decimal)))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "q\"b\\", "\b\f\n\r\t\u0000\u001f", "é", "日本", "😀", "\uD800", "x\uDC00", "\uDBFF\uDFFF"})
    void measuresStringsAsTheWriterEncodesThem(String text) {
        JsonValue value = new JsonString(text);

        assertThat(JsonMetrics.byteLength(value)).isEqualTo(JsonCodec.write(value).getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void measuresDocumentsAsTheWriterEncodesThem() {
        JsonValue value = Json.parse(
                "{\"a\":[1,-2.5,1e-9,true,false,null,{},[]],\"é\":{\"😀\":\"\\u0001\\n\"},\"\":[[\"x\"]]}");

        assertThat(JsonMetrics.byteLength(value)).isEqualTo(JsonCodec.write(value).getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void measuresDepthAsNestedContainers() {
        assertThat(JsonMetrics.depth(JsonNumber.of(1))).isZero();
        assertThat(JsonMetrics.depth(JsonObject.EMPTY)).isEqualTo(1);
        assertThat(JsonMetrics.depth(Json.parse("{\"a\":{\"b\":1}}"))).isEqualTo(2);
        assertThat(JsonMetrics.depth(Json.parse("{\"a\":1,\"b\":[{\"c\":[]}],\"d\":{}}"))).isEqualTo(4);
    }
}
