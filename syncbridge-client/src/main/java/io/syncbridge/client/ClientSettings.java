package io.syncbridge.client;

import io.syncbridge.domain.conflict.ConflictResolver;
import io.syncbridge.domain.state.StateLimits;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** Everything a live session runs with, as the builder collected it. */
record ClientSettings(URI endpoint, String sessionId, String deviceId, String deviceKind, String deviceName,
                      Optional<TokenSource> tokens, Optional<String> handoffToken, LocalStore store,
                      Transport transport, ConflictHandler conflictHandler, ConflictResolver resolver,
                      StateLimits limits, Backoff backoff, Duration heartbeatInterval, Duration heartbeatTimeout,
                      int maxPendingChanges, RandomGenerator random) {
}
