package io.syncbridge.domain.event;

import java.util.Locale;

/** Why a device left a session. */
public enum DeviceLeaveReason {
    DISCONNECTED, REMOVED, EVICTED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
