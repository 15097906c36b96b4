package io.syncbridge.adapter.postgres;

import io.syncbridge.domain.session.UserId;
import io.syncbridge.port.out.RefreshTokenStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Persistence adapter: refresh-token hashes in the {@code refresh_tokens} table. Consuming a token
 * is one conditional {@code UPDATE … RETURNING}, so of two concurrent uses exactly one wins.
 */
public final class PostgresRefreshTokenStore implements RefreshTokenStore {

    private static final String COLUMNS = "token_hash, user_id, family_id, issued_at, expires_at";

    private final SqlRunner sql;

    public PostgresRefreshTokenStore(PostgresDatabase database) {
        this.sql = Objects.requireNonNull(database, "database").sql();
    }

    @Override
    public void save(RefreshToken token) {
        Objects.requireNonNull(token, "token");
        // A token saved as unusable is stored as revoked at its issue time, so it can never be consumed.
        sql.call("refresh_tokens.save", handle -> handle.createUpdate("""
                        INSERT INTO refresh_tokens (token_hash, user_id, family_id, issued_at, expires_at, revoked_at)
                        VALUES (:hash, :userId, :familyId, :issuedAt, :expiresAt, :revokedAt)
                        ON CONFLICT (token_hash) DO UPDATE SET user_id = excluded.user_id,
                            family_id = excluded.family_id, issued_at = excluded.issued_at,
                            expires_at = excluded.expires_at, used_at = NULL, revoked_at = excluded.revoked_at""")
                .bind("hash", token.tokenHash())
                .bind("userId", token.userId().value())
                .bind("familyId", token.familyId())
                .bindByType("issuedAt", SqlTime.utc(token.issuedAt()), OffsetDateTime.class)
                .bindByType("expiresAt", SqlTime.utc(token.expiresAt()), OffsetDateTime.class)
                .bindByType("revokedAt", token.usable() ? null : SqlTime.utc(token.issuedAt()), OffsetDateTime.class)
                .execute());
    }

    @Override
    public Optional<RefreshToken> consume(String tokenHash, Instant now) {
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(now, "now");
        return sql.call("refresh_tokens.consume", handle -> {
            Optional<RefreshToken> consumed = handle.createQuery("""
                            UPDATE refresh_tokens SET used_at = :now
                            WHERE token_hash = :hash AND used_at IS NULL AND revoked_at IS NULL AND expires_at > :now
                            RETURNING\s""" + COLUMNS)
                    .bind("hash", tokenHash)
                    .bindByType("now", SqlTime.utc(now), OffsetDateTime.class)
                    .map((rs, ctx) -> token(rs, true))
                    .findOne();
            return consumed.isPresent() ? consumed : unusable(handle, tokenHash);
        });
    }

    private static Optional<RefreshToken> unusable(Handle handle, String tokenHash) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM refresh_tokens WHERE token_hash = :hash")
                .bind("hash", tokenHash)
                .map((rs, ctx) -> token(rs, false))
                .findOne();
    }

    @Override
    public int revokeFamily(String familyId, Instant now) {
        Objects.requireNonNull(familyId, "familyId");
        Objects.requireNonNull(now, "now");
        return sql.call("refresh_tokens.revoke_family", handle -> handle.createQuery("""
                        UPDATE refresh_tokens SET revoked_at = :now
                        WHERE family_id = :familyId AND revoked_at IS NULL
                        RETURNING (used_at IS NULL AND expires_at > :now) AS was_active""")
                .bind("familyId", familyId)
                .bindByType("now", SqlTime.utc(now), OffsetDateTime.class)
                .mapTo(Boolean.class)
                .list()
                .stream()
                .filter(Boolean::booleanValue)
                .count()).intValue();
    }

    /**
     * Deletes tokens that expired before {@code cutoff} (housekeeping, not part of the port); returns
     * how many went. Keep a margin past expiry so that a late reuse of a rotated token is still
     * recognised as such rather than as unknown.
     */
    public int purgeExpiredBefore(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        return sql.call("refresh_tokens.purge", handle -> handle
                .createUpdate("DELETE FROM refresh_tokens WHERE expires_at < :cutoff")
                .bindByType("cutoff", SqlTime.utc(cutoff), OffsetDateTime.class)
                .execute());
    }

    private static RefreshToken token(ResultSet rs, boolean usable) throws SQLException {
        return new RefreshToken(rs.getString("token_hash"), new UserId(rs.getString("user_id")),
                rs.getString("family_id"), SqlTime.instant(rs, "issued_at"), SqlTime.instant(rs, "expires_at"),
                usable);
    }
}
