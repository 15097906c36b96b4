package io.syncbridge.inmemory;

import io.syncbridge.domain.handoff.HandoffToken;
import io.syncbridge.domain.time.Clock;
import io.syncbridge.port.out.HandoffTokenStore;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Handoff token store adapter: outstanding tokens in a map; a claim removes the token atomically,
 * and a token whose {@code expiresAt} the injected clock has reached is never returned.
 */
public final class InMemoryHandoffTokenStore implements HandoffTokenStore {

    private final ConcurrentHashMap<String, HandoffToken> tokens = new ConcurrentHashMap<>();
    private final Clock clock;

    public InMemoryHandoffTokenStore(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void save(HandoffToken token) {
        Objects.requireNonNull(token, "token");
        Instant now = clock.now();
        // Tokens live minutes and are few: dropping the unclaimed expired ones here bounds the map.
        tokens.values().removeIf(t -> t.isExpired(now));
        tokens.put(token.token(), token);
    }

    @Override
    public Optional<HandoffToken> claim(String token) {
        Objects.requireNonNull(token, "token");
        HandoffToken claimed = tokens.remove(token);
        if (claimed == null || claimed.isExpired(clock.now())) {
            return Optional.empty();
        }
        return Optional.of(claimed);
    }

    /** How many tokens are held, expired ones not yet dropped included. */
    public int size() {
        return tokens.size();
    }
}
