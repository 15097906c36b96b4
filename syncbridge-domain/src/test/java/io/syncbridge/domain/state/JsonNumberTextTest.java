package io.syncbridge.domain.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A number's JSON text, and its length as counted without building it, on both sides of the long fast path. */
class JsonNumberTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0", "7", "-7", "9", "10", "-10", "99", "100", "1E+2", "1000000",
            "123456789012345678", "-123456789012345678", "999999999999999999", "1000000000000000000",
            "-9223372036854775808", "12345678901234567890123", "1E+39", "1E+41", "1.5", "-0.001", "2.50"})
    void theLengthCountedIsTheLengthOfTheText(String literal) {
        JsonNumber number = new JsonNumber(new BigDecimal(literal));

        assertThat(number.jsonTextLength()).isEqualTo(number.toJsonText().length());
        assertThat(new BigDecimal(number.toJsonText())).isEqualByComparingTo(new BigDecimal(literal));
    }

    @Test
    void integersAreWrittenWithoutAFractionOrExponentUpToFortyDigits() {
        assertThat(new JsonNumber(new BigDecimal("1E+2")).toJsonText()).isEqualTo("100");
        assertThat(JsonNumber.of(-42).toJsonText()).isEqualTo("-42");
        assertThat(new JsonNumber(new BigDecimal("123456789012345678901")).toJsonText())
                .isEqualTo("123456789012345678901");
        assertThat(new JsonNumber(new BigDecimal("1E+41")).toJsonText()).isEqualTo("1E+41");
        assertThat(new JsonNumber(new BigDecimal("2.50")).toJsonText()).isEqualTo("2.5");
    }
}
