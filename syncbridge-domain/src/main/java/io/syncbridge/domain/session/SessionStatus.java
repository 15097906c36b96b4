package io.syncbridge.domain.session;

import io.syncbridge.domain.error.SyncError;
import java.util.Locale;

/** The life-cycle of a session; only an active or paused session takes state changes. */
public enum SessionStatus {
    ACTIVE, PAUSED, COMPLETED, ARCHIVED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean acceptsChanges() {
        return this == ACTIVE || this == PAUSED;
    }

    public static SessionStatus parse(String text) {
        for (SessionStatus status : values()) {
            if (status.wireName().equalsIgnoreCase(text)) {
                return status;
            }
        }
        throw new SyncError.ValidationFailed("status must be one of active, paused, completed, archived");
    }
}
