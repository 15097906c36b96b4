package io.syncbridge.domain.device;

import io.syncbridge.domain.Identifiers;

/** The id a client gives its device; several connections with one id are one device. */
public record DeviceId(String value) {
    public DeviceId {
        Identifiers.require("device id", value);
    }

    @Override
    public String toString() {
        return value;
    }
}
