package io.syncbridge.domain.state;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A JSON number, kept exactly as a decimal so that large integers (timestamps, ids) and
 * decimals survive a round trip unchanged. Equality is numeric: 1, 1.0 and 1e0 are equal.
 */
public record JsonNumber(BigDecimal value) implements JsonValue {

    /** Integers of up to this many digits fit a long. */
    private static final int LONG_DIGITS = 18;

    public JsonNumber {
        Objects.requireNonNull(value, "value");
        value = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
    }

    public static JsonNumber of(long value) {
        return new JsonNumber(BigDecimal.valueOf(value));
    }

    public static JsonNumber of(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("JSON has no NaN or infinity");
        }
        return new JsonNumber(BigDecimal.valueOf(value));
    }

    public boolean isIntegral() {
        return value.scale() <= 0;
    }

    /** The number as JSON text: integers without a fraction or exponent. */
    public String toJsonText() {
        if (isIntegral()) {
            int digits = value.precision() - value.scale();
            if (digits <= LONG_DIGITS) {
                // Counters and timestamps: Long's formatting, not a BigInteger built and formatted per call.
                return Long.toString(value.longValue());
            }
            if (digits <= 40) {
                return value.toBigIntegerExact().toString();
            }
        }
        return value.toString();
    }

    /** The length of {@link #toJsonText()}, counted without building the text when the number fits a long. */
    int jsonTextLength() {
        if (isIntegral() && value.scale() == 0 && value.precision() <= LONG_DIGITS) {
            long number = value.longValue();
            int length = number < 0 ? 2 : 1;
            for (long rest = Math.abs(number) / 10; rest > 0; rest /= 10) {
                length++;
            }
            return length;
        }
        return toJsonText().length();
    }
}
