package io.syncbridge.app;

import java.util.Objects;

/** A configured secret (password, signing secret): never shown in logs or toString. */
public record Secret(String value) {

    public Secret {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return "****";
    }
}
