package io.syncbridge.domain.handoff;

import io.syncbridge.domain.Identifiers;

/** The id of one handoff. */
public record HandoffId(String value) {
    public HandoffId {
        Identifiers.require("handoff id", value);
    }

    @Override
    public String toString() {
        return value;
    }
}
