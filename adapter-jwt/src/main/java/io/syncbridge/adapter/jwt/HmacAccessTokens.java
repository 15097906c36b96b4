package io.syncbridge.adapter.jwt;

import io.syncbridge.port.out.AccessTokens;
import io.syncbridge.port.out.TokenClaims;
import io.syncbridge.port.out.TokenGrant;
import io.syncbridge.port.out.TokenRejected;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** HS256 access tokens signed with a shared secret of at least 32 bytes (the common case, in one line). */
public final class HmacAccessTokens implements AccessTokens {

    private final JwtAccessTokens tokens;

    public HmacAccessTokens(byte[] secret, Duration lifetime, Clock clock) {
        this.tokens = JwtAccessTokens.local(HmacKeys.of(secret), lifetime, clock);
    }

    @Override
    public TokenClaims verify(String token) throws TokenRejected {
        return tokens.verify(token);
    }

    @Override
    public Issued issue(TokenGrant grant) {
        return tokens.issue(grant);
    }

    /** How long an issued token lives. */
    public Duration lifetime() {
        return tokens.lifetime();
    }

    @Override
    public Map<String, Object> jwks() {
        return tokens.jwks();
    }
}
