package io.syncbridge.domain.state;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A JSON number, kept exactly as a decimal so that large integers (timestamps, ids) and
 * decimals survive a round trip unchanged. Equality is numeric: 1, 1.0 and 1e0 are equal.
 */
public record JsonNumber(BigDecimal value) implements JsonValue {

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
        if (isIntegral() && value.precision() - value.scale() <= 40) {
            return value.toBigIntegerExact().toString();
        }
        return value.toString();
    }
}
