package io.syncbridge.application;

import io.syncbridge.domain.error.SyncError;
import io.syncbridge.domain.session.UserId;
import io.syncbridge.port.in.AccountsUseCase;
import io.syncbridge.port.out.AccountStore.Account;
import io.syncbridge.port.out.GrantStore.Grant;
import io.syncbridge.port.out.RefreshTokenStore.RefreshToken;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Application service: registering users, checking passwords, and the life of refresh tokens.
 * Password hashing runs on a bounded pool of its own, and a username with a run of wrong passwords
 * is slowed down ({@link LoginLimits}).
 */
final class AccountService implements AccountsUseCase {

    static final Duration REFRESH_TOKEN_TTL = Duration.ofDays(7);
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{3,64}");
    private static final int MIN_PASSWORD = 8;
    private static final int MAX_PASSWORD = 256;

    private final DrivenPorts ports;
    private final SecureRandom random = new SecureRandom();
    /** Checked against when a username is unknown, so that a miss costs as long as a wrong password. */
    private final String decoyHash;
    private final PasswordHashingPool hashing;
    private final FailedLogins failedLogins;

    AccountService(DrivenPorts ports, LoginLimits limits) {
        this.ports = ports;
        this.hashing = new PasswordHashingPool(limits.hashThreads(), limits.hashQueue());
        this.failedLogins = new FailedLogins(limits.failuresBeforeDelay(), limits.maxDelay());
        this.decoyHash = ports.passwordHasher().hash("decoy-password".toCharArray());
    }

    @Override
    public UserId register(String username, char[] password) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new SyncError.ValidationFailed("username must be 3 to 64 letters, digits, '.', '_' or '-'");
        }
        if (password == null || password.length < MIN_PASSWORD || password.length > MAX_PASSWORD) {
            throw new SyncError.ValidationFailed("password must be " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters");
        }
        UserId id = new UserId(ports.ids().newId());
        String hash = hashing.run(() -> ports.passwordHasher().hash(password));
        Account account = new Account(id, username, hash, ports.clock().now());
        if (!ports.accounts().create(account)) {
            throw new SyncError.UsernameTaken(username);
        }
        return id;
    }

    @Override
    public UserId authenticate(String username, char[] password) {
        failedLogins.check(username, ports.clock().now());
        Optional<Account> account = username == null ? Optional.empty() : ports.accounts().findByUsername(username);
        char[] given = password == null ? new char[0] : password;
        // An unknown username costs a hash too, so that a miss looks like a wrong password.
        String expected = account.map(Account::passwordHash).orElse(decoyHash);
        boolean matches = hashing.run(() -> ports.passwordHasher().matches(given, expected));
        if (account.isEmpty() || !matches) {
            failedLogins.failed(username, ports.clock().now());
            throw new SyncError.InvalidCredentials();
        }
        failedLogins.succeeded(username);
        return account.get().id();
    }

    @Override
    public IssuedRefreshToken issueRefreshToken(UserId user) {
        return issue(user, ports.ids().newId());
    }

    private IssuedRefreshToken issue(UserId user, String familyId) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = ports.clock().now();
        Instant expires = now.plus(REFRESH_TOKEN_TTL);
        ports.refreshTokens().save(new RefreshToken(hash(token), user, familyId, now, expires, true));
        // The login's grant is named after its family and lives as long as its newest refresh token.
        ports.grants().issue(Grant.login(familyId, user, familyId, expires));
        return new IssuedRefreshToken(user, token, expires, familyId);
    }

    @Override
    public IssuedRefreshToken rotate(String refreshToken) {
        Instant now = ports.clock().now();
        RefreshToken stored = ports.refreshTokens().consume(hash(refreshToken), now)
                .orElseThrow(() -> new SyncError.RefreshTokenInvalid("Unknown refresh token"));
        // Expiry first: the store reports an expired token as unusable too, and an expired token is
        // the normal end of a login, not a sign of theft, so its family stays.
        if (!now.isBefore(stored.expiresAt())) {
            throw new SyncError.RefreshTokenExpired();
        }
        if (!stored.usable()) {
            // A used or revoked token presented again: someone else may hold it, so end the whole login.
            revokeFamily(stored.familyId(), now);
            throw new SyncError.RefreshTokenInvalid("Refresh token is no longer valid; please sign in again");
        }
        return issue(stored.userId(), stored.familyId());
    }

    @Override
    public void revoke(String refreshToken) {
        Instant now = ports.clock().now();
        ports.refreshTokens().consume(hash(refreshToken), now)
                .ifPresent(stored -> revokeFamily(stored.familyId(), now));
    }

    private void revokeFamily(String familyId, Instant now) {
        ports.refreshTokens().revokeFamily(familyId, now);
        ports.grants().revokeFamily(familyId);
    }

    /** Refresh tokens are 256 random bits, so a fast unsalted hash is enough to keep them unusable at rest. */
    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    (token == null ? "" : token).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JDK", e);
        }
    }
}
