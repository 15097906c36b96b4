package io.syncbridge.inmemory;

import io.syncbridge.port.out.RefreshTokenStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Refresh token store adapter: token records by hash in memory, one lock for all (tokens change
 * once per login or refresh, far from a hot path).
 *
 * <p>A record stays {@link #RETENTION_AFTER_EXPIRY} past its expiry, so that a late replay of a
 * rotated token is still recognised as used; after that it is forgotten (and reads as unknown).
 */
public final class InMemoryRefreshTokenStore implements RefreshTokenStore {

    public static final Duration RETENTION_AFTER_EXPIRY = Duration.ofDays(1);
    private static final int SAVES_BETWEEN_PURGES = 256;

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, RefreshToken> tokens = new HashMap<>();
    private int savesSincePurge;

    @Override
    public void save(RefreshToken token) {
        Objects.requireNonNull(token, "token");
        lock.lock();
        try {
            if (++savesSincePurge >= SAVES_BETWEEN_PURGES) {
                savesSincePurge = 0;
                Instant cutoff = token.issuedAt().minus(RETENTION_AFTER_EXPIRY);
                tokens.values().removeIf(t -> t.expiresAt().isBefore(cutoff));
            }
            tokens.put(token.tokenHash(), token);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<RefreshToken> consume(String tokenHash, Instant now) {
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(now, "now");
        lock.lock();
        try {
            RefreshToken stored = tokens.get(tokenHash);
            if (stored == null) {
                return Optional.empty();
            }
            if (!isActive(stored, now)) {
                return Optional.of(unusable(stored));
            }
            tokens.put(tokenHash, unusable(stored));
            return Optional.of(stored);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int revokeFamily(String familyId, Instant now) {
        Objects.requireNonNull(familyId, "familyId");
        Objects.requireNonNull(now, "now");
        lock.lock();
        try {
            int active = 0;
            for (Map.Entry<String, RefreshToken> entry : tokens.entrySet()) {
                RefreshToken token = entry.getValue();
                if (!token.familyId().equals(familyId)) {
                    continue;
                }
                if (isActive(token, now)) {
                    active++;
                }
                entry.setValue(unusable(token));
            }
            return active;
        } finally {
            lock.unlock();
        }
    }

    private static boolean isActive(RefreshToken token, Instant now) {
        return token.usable() && now.isBefore(token.expiresAt());
    }

    private static RefreshToken unusable(RefreshToken token) {
        return token.usable() ? new RefreshToken(token.tokenHash(), token.userId(), token.familyId(), token.issuedAt(),
                token.expiresAt(), false) : token;
    }
}
