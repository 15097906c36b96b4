package io.syncbridge.adapter.jwt;

import io.syncbridge.port.in.GrantsUseCase;
import io.syncbridge.port.out.AccessTokens;
import io.syncbridge.port.out.TokenClaims;
import io.syncbridge.port.out.TokenGrant;
import io.syncbridge.port.out.TokenRejected;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens whose grant is checked on every verification: a token naming a grant the core no
 * longer holds live (a removed device, a deleted session, a revoked refresh family) is refused.
 * Answers are remembered for a few seconds, so the hot path asks the store about once per grant
 * per cache lifetime; a revocation is therefore seen on every node within that lifetime. Tokens
 * that name no grant (minted by {@code syncbridge token} or an external issuer) are not checked.
 */
public final class GrantCheckedTokens implements AccessTokens {

    /** How long a grant's answer is remembered unless configured otherwise. */
    public static final Duration DEFAULT_CACHE_LIFETIME = Duration.ofSeconds(2);
    /** At most this many grants are remembered; past it the cache starts over. */
    static final int MAX_CACHED = 10_000;

    private final AccessTokens tokens;
    private final GrantsUseCase grants;
    private final Duration lifetime;
    private final Clock clock;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();

    public GrantCheckedTokens(AccessTokens tokens, GrantsUseCase grants, Duration lifetime, Clock clock) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.grants = Objects.requireNonNull(grants, "grants");
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (lifetime.isNegative()) {
            throw new IllegalArgumentException("the grant cache lifetime must not be negative");
        }
    }

    /** {@code tokens} checked against {@code grants} with the default cache lifetime, unless they are already. */
    public static AccessTokens checking(AccessTokens tokens, GrantsUseCase grants) {
        return tokens instanceof GrantCheckedTokens ? tokens
                : new GrantCheckedTokens(tokens, grants, DEFAULT_CACHE_LIFETIME, Clock.systemUTC());
    }

    @Override
    public TokenClaims verify(String token) throws TokenRejected {
        TokenClaims claims = tokens.verify(token);
        if (claims.grantId().isPresent() && !isLive(claims.grantId().get())) {
            throw new TokenRejected(TokenRejected.Code.INVALID_TOKEN, "The token has been revoked");
        }
        return claims;
    }

    @Override
    public Issued issue(TokenGrant grant) {
        return tokens.issue(grant);
    }

    @Override
    public Map<String, Object> jwks() {
        return tokens.jwks();
    }

    private boolean isLive(String grantId) {
        Instant now = clock.instant();
        Answer cached = answers.get(grantId);
        if (cached != null && now.isBefore(cached.until())) {
            return cached.live();
        }
        boolean live = grants.isLive(grantId);
        if (answers.size() >= MAX_CACHED) {
            answers.clear();
        }
        answers.put(grantId, new Answer(live, now.plus(lifetime)));
        return live;
    }

    private record Answer(boolean live, Instant until) {
    }
}
