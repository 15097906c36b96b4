package io.syncbridge.port.out;

import io.syncbridge.domain.session.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Driven port: refresh tokens, stored only as hashes. Tokens of one login form a family; a
 * rotated token presented again is a theft signal and revokes its whole family.
 */
public interface RefreshTokenStore {

    void save(RefreshToken token);

    /**
     * Atomically marks an active token used and returns it; of two concurrent uses only one gets
     * it. Returns empty, changing nothing, for an unknown hash. For a token that was already used
     * or revoked it returns the stored record with {@code usable == false}.
     */
    Optional<RefreshToken> consume(String tokenHash, Instant now);

    /** Revokes every token of the family; returns how many were still active. */
    int revokeFamily(String familyId, Instant now);

    /** A stored refresh token. {@code usable} is false once used, revoked or expired. */
    record RefreshToken(String tokenHash, UserId userId, String familyId, Instant issuedAt, Instant expiresAt,
                        boolean usable) {
        public RefreshToken {
            Objects.requireNonNull(tokenHash, "tokenHash");
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(familyId, "familyId");
            Objects.requireNonNull(issuedAt, "issuedAt");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }
}
