package io.syncbridge.adapter.javalin.rest;

import io.syncbridge.domain.error.SyncError;

/** Entity tags of session state: the version, quoted; weak tags and lists are understood. */
final class ETags {

    private ETags() {
    }

    /** The version an If-Match names: {@code "5"}, {@code W/"5"} or a bare {@code 5}. */
    static long version(String header) {
        String tag = header.trim();
        if (tag.contains(",")) {
            throw new SyncError.ValidationFailed("If-Match must name one version");
        }
        return parse(tag);
    }

    /** True when an If-None-Match list names {@code version} (or is {@code *}). */
    static boolean matches(String header, long version) {
        for (String tag : header.split(",")) {
            String trimmed = tag.trim();
            if (trimmed.equals("*")) {
                return true;
            }
            try {
                if (parse(trimmed) == version) {
                    return true;
                }
            } catch (SyncError.ValidationFailed notAVersion) {
                // another server's tag: not ours, so it does not match
            }
        }
        return false;
    }

    private static long parse(String tag) {
        String value = tag.startsWith("W/") ? tag.substring(2) : tag;
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        try {
            long version = Long.parseLong(value);
            if (version < 0) {
                throw new NumberFormatException("negative");
            }
            return version;
        } catch (NumberFormatException e) {
            throw new SyncError.ValidationFailed("If-Match must be a state version such as \"5\"");
        }
    }
}
