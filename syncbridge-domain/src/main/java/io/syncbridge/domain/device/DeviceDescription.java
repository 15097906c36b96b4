package io.syncbridge.domain.device;

import io.syncbridge.domain.error.SyncError;
import java.util.Objects;
import java.util.Set;

/** What a client says about its device when it connects. */
public record DeviceDescription(DeviceKind kind, String name, String userAgent, Set<String> capabilities) {

    public static final int MAX_TEXT = 256;
    public static final int MAX_CAPABILITIES = 32;
    public static final DeviceDescription UNKNOWN = new DeviceDescription(DeviceKind.OTHER, "", "", Set.of());

    public DeviceDescription {
        Objects.requireNonNull(kind, "kind");
        name = bounded("device name", name);
        userAgent = bounded("user agent", userAgent);
        capabilities = Set.copyOf(Objects.requireNonNull(capabilities, "capabilities"));
        if (capabilities.size() > MAX_CAPABILITIES) {
            throw new SyncError.ValidationFailed("a device may list at most " + MAX_CAPABILITIES + " capabilities");
        }
        for (String capability : capabilities) {
            bounded("capability", capability);
        }
    }

    private static String bounded(String what, String text) {
        String value = text == null ? "" : text;
        if (value.length() > MAX_TEXT) {
            throw new SyncError.ValidationFailed(what + " must be at most " + MAX_TEXT + " characters");
        }
        return value;
    }
}
