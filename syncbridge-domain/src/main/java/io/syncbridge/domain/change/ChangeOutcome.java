package io.syncbridge.domain.change;

import java.util.Locale;

/** How an accepted change was taken: on the current version, rebased over newer changes, or a retry. */
public enum ChangeOutcome {
    APPLIED, REBASED, DUPLICATE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
