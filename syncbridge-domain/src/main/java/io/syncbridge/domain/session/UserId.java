package io.syncbridge.domain.session;

import io.syncbridge.domain.Identifiers;

/** The id of the user who owns sessions. */
public record UserId(String value) {
    public UserId {
        Identifiers.require("user id", value);
    }

    @Override
    public String toString() {
        return value;
    }
}
