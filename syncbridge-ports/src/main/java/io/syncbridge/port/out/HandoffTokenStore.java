package io.syncbridge.port.out;

import io.syncbridge.domain.handoff.HandoffToken;
import java.util.Optional;

/** Driven port: outstanding handoff tokens, each claimable exactly once before it expires. */
public interface HandoffTokenStore {

    void save(HandoffToken token);

    /**
     * Atomically removes and returns the token: of two concurrent claims only one gets it.
     * Expired tokens are never returned.
     */
    Optional<HandoffToken> claim(String token);
}
