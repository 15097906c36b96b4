package io.syncbridge.domain.session;

import io.syncbridge.domain.Identifiers;

/** The opaque id of a session (not necessarily a UUID). */
public record SessionId(String value) {
    public SessionId {
        Identifiers.require("session id", value);
    }

    @Override
    public String toString() {
        return value;
    }
}
