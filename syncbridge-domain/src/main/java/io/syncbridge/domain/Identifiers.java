package io.syncbridge.domain;

import io.syncbridge.domain.error.SyncError;

/**
 * The one rule for opaque identifiers (sessions, devices, users, mutations): 1 to 128 visible
 * ASCII characters without braces or whitespace, so they are safe in Redis hash tags, keys and URLs.
 */
public final class Identifiers {

    public static final int MAX_LENGTH = 128;

    private Identifiers() {
    }

    public static String require(String kind, String value) {
        if (value == null || value.isEmpty()) {
            throw new SyncError.ValidationFailed(kind + " must not be empty");
        }
        if (value.length() > MAX_LENGTH) {
            throw new SyncError.ValidationFailed(kind + " must be at most " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c >= 0x7f || c == '{' || c == '}' || c == '/' || c == '?' || c == '#' || c == '%') {
                throw new SyncError.ValidationFailed(kind + " contains a character that is not allowed: '" + c + "'");
            }
        }
        return value;
    }
}
