package io.syncbridge.domain.session;

import io.syncbridge.domain.conflict.ConflictPolicy;
import io.syncbridge.domain.device.EvictionPolicy;
import io.syncbridge.domain.state.JsonObject;
import java.util.Objects;

/**
 * Per-session settings: the two policies the core acts on, plus the application's own settings
 * document, which the core stores and returns untouched.
 */
public record SessionSettings(ConflictPolicy conflictPolicy, EvictionPolicy evictionPolicy, JsonObject custom) {

    public static final SessionSettings DEFAULT =
            new SessionSettings(ConflictPolicy.MERGE, EvictionPolicy.REFUSE, JsonObject.EMPTY);

    public SessionSettings {
        Objects.requireNonNull(conflictPolicy, "conflictPolicy");
        Objects.requireNonNull(evictionPolicy, "evictionPolicy");
        Objects.requireNonNull(custom, "custom");
    }

    public SessionSettings withCustom(JsonObject newCustom) {
        return new SessionSettings(conflictPolicy, evictionPolicy, newCustom);
    }
}
