package io.syncbridge.domain.change;

import io.syncbridge.domain.Identifiers;

/** The id a client gives a change so that a retry of it is recognised and applied only once. */
public record MutationId(String value) {
    public MutationId {
        Identifiers.require("mutation id", value);
    }

    @Override
    public String toString() {
        return value;
    }
}
