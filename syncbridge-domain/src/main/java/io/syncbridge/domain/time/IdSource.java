package io.syncbridge.domain.time;

import java.util.UUID;

/** Where the core gets fresh identifiers, so that tests can make them predictable. */
@FunctionalInterface
public interface IdSource {

    String newId();

    /** Random version-4 UUIDs. */
    static IdSource random() {
        return () -> UUID.randomUUID().toString();
    }
}
