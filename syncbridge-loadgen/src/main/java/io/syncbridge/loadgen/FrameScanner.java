package io.syncbridge.loadgen;

import java.nio.charset.StandardCharsets;

/**
 * Reads the few fields the load run needs from a server frame's UTF-8 bytes without building a
 * JSON tree: the envelope's {@code type}; the payload's {@code version}, {@code device_id},
 * {@code mutation_id} and {@code outcome}; and the first {@code sent_ns} deeper down (inside the
 * update's value). One per connection, reused for every frame; not thread-safe.
 */
final class FrameScanner {

    private static final byte[] TYPE = ascii("type");
    private static final byte[] VERSION = ascii("version");
    private static final byte[] DEVICE_ID = ascii("device_id");
    private static final byte[] MUTATION_ID = ascii("mutation_id");
    private static final byte[] OUTCOME = ascii("outcome");
    private static final byte[] SENT_NS = ascii("sent_ns");

    /** Depth of the envelope's members ({@code type}) and of the payload's. */
    private static final int ENVELOPE = 1;
    private static final int PAYLOAD = 2;

    private byte[] frame;
    private int type;
    private boolean hasType;
    private long version;
    private boolean hasVersion;
    private long sentNanos;
    private boolean hasSentNanos;
    private int deviceIdAt = -1;
    private int deviceIdLength;
    private int mutationIdAt = -1;
    private int mutationIdLength;
    private int outcomeAt = -1;
    private int outcomeLength;
    private int position;

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Scans one frame. False when the frame is not one this scanner can read for certain (no
     * numeric type, a fraction where a whole number belongs, an escape inside a field it reads,
     * broken nesting): the caller then parses it in full, which also reports what is wrong.
     */
    boolean scan(byte[] data, int offset, int length) {
        frame = data;
        hasType = false;
        hasVersion = false;
        hasSentNanos = false;
        deviceIdAt = -1;
        mutationIdAt = -1;
        outcomeAt = -1;
        int end = offset + length;
        int depth = 0;
        position = offset;
        while (position < end) {
            byte b = data[position];
            switch (b) {
                case '{', '[' -> {
                    depth++;
                    position++;
                }
                case '}', ']' -> {
                    depth--;
                    position++;
                    if (depth < 0) {
                        return false;
                    }
                }
                case '"' -> {
                    int nameAt = position + 1;
                    int close = stringEnd(data, nameAt, end);
                    if (close < 0) {
                        return false;
                    }
                    position = skipSpace(data, close + 1, end);
                    if (position < end && data[position] == ':') {
                        position = skipSpace(data, position + 1, end);
                        if (!member(data, nameAt, close - nameAt, depth, end)) {
                            return false;
                        }
                    }
                }
                default -> position++;
            }
        }
        return depth == 0 && hasType;
    }

    /** Reads the value of one member if it is a field of interest; moves {@link #position} past what it read. */
    private boolean member(byte[] data, int nameAt, int nameLength, int depth, int end) {
        if (depth == ENVELOPE && is(data, nameAt, nameLength, TYPE)) {
            if (!readWholeNumber(data, end)) {
                return false;
            }
            type = (int) number;
            hasType = true;
        } else if (depth == PAYLOAD && is(data, nameAt, nameLength, VERSION)) {
            if (!readWholeNumber(data, end)) {
                return false;
            }
            version = number;
            hasVersion = true;
        } else if (depth > PAYLOAD && !hasSentNanos && is(data, nameAt, nameLength, SENT_NS)) {
            if (!readWholeNumber(data, end)) {
                return false;
            }
            sentNanos = number;
            hasSentNanos = true;
        } else if (depth == PAYLOAD && is(data, nameAt, nameLength, DEVICE_ID)) {
            deviceIdAt = plainString(data, end);
            deviceIdLength = stringLength;
            return deviceIdAt != -2;
        } else if (depth == PAYLOAD && is(data, nameAt, nameLength, MUTATION_ID)) {
            mutationIdAt = plainString(data, end);
            mutationIdLength = stringLength;
            return mutationIdAt != -2;
        } else if (depth == PAYLOAD && is(data, nameAt, nameLength, OUTCOME)) {
            outcomeAt = plainString(data, end);
            outcomeLength = stringLength;
            return outcomeAt != -2;
        }
        return true;
    }

    private long number;
    private int stringLength;

    /** A number without fraction or exponent into {@link #number}; false for anything else. */
    private boolean readWholeNumber(byte[] data, int end) {
        int i = position;
        boolean negative = i < end && data[i] == '-';
        if (negative) {
            i++;
        }
        int digitsFrom = i;
        long value = 0;
        while (i < end && data[i] >= '0' && data[i] <= '9' && i - digitsFrom < 19) {
            value = value * 10 + (data[i] - '0');
            i++;
        }
        if (i == digitsFrom || (i < end && (data[i] == '.' || data[i] == 'e' || data[i] == 'E'
                || (data[i] >= '0' && data[i] <= '9')))) {
            return false;
        }
        number = negative ? -value : value;
        position = i;
        return true;
    }

    /**
     * Where a string value's characters start (its length into {@link #stringLength}), -1 when the
     * value is not a string (left for the main loop), -2 when it holds an escape.
     */
    private int plainString(byte[] data, int end) {
        if (position >= end || data[position] != '"') {
            return -1;
        }
        int from = position + 1;
        int close = stringEnd(data, from, end);
        if (close < 0) {
            return -2;
        }
        for (int i = from; i < close; i++) {
            if (data[i] == '\\') {
                return -2;
            }
        }
        stringLength = close - from;
        position = close + 1;
        return from;
    }

    /** The index of the quote closing a string whose characters start at {@code from}; -1 if it does not close. */
    private static int stringEnd(byte[] data, int from, int end) {
        for (int i = from; i < end; i++) {
            byte b = data[i];
            if (b == '\\') {
                i++;
            } else if (b == '"') {
                return i;
            }
        }
        return -1;
    }

    private static int skipSpace(byte[] data, int from, int end) {
        int i = from;
        while (i < end && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r')) {
            i++;
        }
        return i;
    }

    private static boolean is(byte[] data, int at, int length, byte[] name) {
        if (length != name.length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (data[at + i] != name[i]) {
                return false;
            }
        }
        return true;
    }

    int type() {
        return type;
    }

    boolean hasSentNanos() {
        return hasSentNanos;
    }

    long sentNanos() {
        return sentNanos;
    }

    boolean hasVersion() {
        return hasVersion;
    }

    long version() {
        return version;
    }

    /** Whether the payload's device_id is this id (false when there is none). */
    boolean deviceIdIs(byte[] deviceId) {
        return deviceIdAt >= 0 && is(frame, deviceIdAt, deviceIdLength, deviceId);
    }

    /** The payload's mutation_id, or null. */
    String mutationId() {
        return mutationIdAt < 0 ? null : new String(frame, mutationIdAt, mutationIdLength, StandardCharsets.UTF_8);
    }

    /** The payload's outcome, or null. */
    String outcome() {
        return outcomeAt < 0 ? null : new String(frame, outcomeAt, outcomeLength, StandardCharsets.UTF_8);
    }
}
