package io.syncbridge.domain.device;

import io.syncbridge.domain.error.SyncError;
import java.util.Locale;

/** What happens when a device joins a session that already has the maximum number of devices. */
public enum EvictionPolicy {
    /** The newcomer is refused with the list of attached devices. */
    REFUSE,
    /** The device that has been offline longest makes room; refused when all are online. */
    EVICT_LONGEST_OFFLINE;

    public static EvictionPolicy parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new SyncError.ValidationFailed("device eviction policy must be refuse or evict_longest_offline");
        }
    }
}
