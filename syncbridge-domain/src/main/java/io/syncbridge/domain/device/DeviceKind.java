package io.syncbridge.domain.device;

import java.util.Locale;

/** What sort of client a device is; anything unrecognised is {@link #OTHER}. */
public enum DeviceKind {
    WEB, IOS, ANDROID, DESKTOP, OTHER;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DeviceKind parse(String text) {
        if (text == null) {
            return OTHER;
        }
        for (DeviceKind kind : values()) {
            if (kind.wireName().equalsIgnoreCase(text.trim())) {
                return kind;
            }
        }
        return OTHER;
    }
}
