package io.syncbridge.domain.conflict;

import io.syncbridge.domain.error.SyncError;
import java.util.Locale;

/** How a session treats a change based on an older version than the current one. */
public enum ConflictPolicy {
    /** Reject it with the current version. */
    STRICT,
    /** Rebase it when none of its paths were touched since its base; reject it otherwise. */
    MERGE,
    /** Apply it in arrival order. */
    LAST_WRITER_WINS;

    public static ConflictPolicy parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new SyncError.ValidationFailed("conflict policy must be one of strict, merge, last_writer_wins");
        }
    }
}
