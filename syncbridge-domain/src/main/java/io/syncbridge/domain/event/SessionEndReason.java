package io.syncbridge.domain.event;

import java.util.Locale;

/** Why a session ended. */
public enum SessionEndReason {
    EXPIRED, DELETED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
