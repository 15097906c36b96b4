package io.syncbridge.domain.state;

/** RFC 6901 array index tokens: ASCII decimal digits without leading zeros. */
final class ArrayIndex {

    /** The token that names the element past the end of an array. */
    static final String END = "-";

    static final long INVALID = -1;

    private ArrayIndex() {
    }

    /** The index, {@link #INVALID} when the token is not one, or a value past any array's end when it is huge. */
    static long parse(String token) {
        int length = token.length();
        if (length == 0 || (length > 1 && token.charAt(0) == '0')) {
            return INVALID;
        }
        for (int i = 0; i < length; i++) {
            char c = token.charAt(i);
            if (c < '0' || c > '9') {
                return INVALID;
            }
        }
        // 18 digits always fit a long; anything longer is out of range for any array anyway.
        return length > 18 ? Long.MAX_VALUE : Long.parseLong(token);
    }
}
