package io.syncbridge.port.in;

import io.syncbridge.domain.session.UserId;
import java.time.Instant;

/**
 * Driving port: accounts and refresh tokens. Access tokens (JWTs) are the gateway's business;
 * the core decides who a user is and which refresh tokens are good.
 */
public interface AccountsUseCase {

    /** Registers a user; UsernameTaken or ValidationFailed (username 3-64 of [A-Za-z0-9._-], password 8-256). */
    UserId register(String username, char[] password);

    /** The user with this username and password; InvalidCredentials otherwise. */
    UserId authenticate(String username, char[] password);

    /** A new refresh token, starting a new family. */
    IssuedRefreshToken issueRefreshToken(UserId user);

    /**
     * Exchanges a refresh token for a new one of the same family. A token used twice revokes
     * its family (a sign it was stolen); an expired one is RefreshTokenExpired and leaves its
     * family alone. RefreshTokenInvalid otherwise.
     */
    IssuedRefreshToken rotate(String refreshToken);

    /** Revokes the token's family and its grants; unknown tokens are ignored (revocation is idempotent). */
    void revoke(String refreshToken);

    /**
     * A refresh token as given to the client (shown once, stored only hashed), and the grant of its
     * login ({@code grantId}, live until {@code expiresAt}) that the access tokens issued with it name:
     * revoking the family revokes the grant.
     */
    record IssuedRefreshToken(UserId user, String token, Instant expiresAt, String grantId) {
        @Override
        public String toString() {
            return "IssuedRefreshToken[user=" + user + ", expiresAt=" + expiresAt + ", grantId=" + grantId + "]";
        }
    }
}
