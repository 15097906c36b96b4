package io.syncbridge.adapter.javalin.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.syncbridge.domain.error.SyncError;
import io.syncbridge.domain.session.UserId;
import io.syncbridge.port.in.AccountsUseCase.IssuedRefreshToken;
import io.syncbridge.port.in.AccountsUseCase;
import io.syncbridge.port.out.AccessTokens;
import io.syncbridge.port.out.TokenGrant;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * REST: accounts and tokens. Registration, the OAuth-style token endpoint (password and
 * refresh_token grants), refresh, revocation, and the public keys that verify access tokens.
 */
final class AuthRoutes {

    static final String SCOPE = "sessions";

    /** The token response, in the OAuth names (snake_case) clients of token endpoints expect. */
    public record TokenResponse(@JsonProperty("access_token") String accessToken,
                                @JsonProperty("token_type") String tokenType,
                                @JsonProperty("expires_in") long expiresIn,
                                @JsonProperty("refresh_token") String refreshToken,
                                @JsonProperty("scope") String scope) {
    }

    public record Registered(String userId, String username) {
    }

    private final AccountsUseCase accounts;
    private final AccessTokens tokens;
    private final ObjectMapper mapper;
    private final Clock clock;

    public AuthRoutes(AccountsUseCase accounts, AccessTokens tokens, ObjectMapper mapper, Clock clock) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void register(JavalinConfig cfg) {
        cfg.routes.post("/v1/auth/register", this::registerUser);
        cfg.routes.post("/v1/auth/token", this::token);
        cfg.routes.post("/v1/auth/token/refresh", this::refresh);
        cfg.routes.post("/v1/auth/token/revoke", this::revoke);
        cfg.routes.get("/v1/auth/jwks", ctx -> ctx.json(tokens.jwks()));
    }

    private void registerUser(Context ctx) {
        JsonBody body = JsonBody.of(ctx);
        String username = body.requiredText("username");
        char[] password = body.requiredText("password").toCharArray();
        try {
            UserId user = accounts.register(username, password);
            ctx.status(201).json(new Registered(user.value(), username));
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private void token(Context ctx) {
        JsonBody body = JsonBody.of(ctx);
        // TokenRequest requires grant_type (v1 contract): no default.
        String grant = body.text("grant_type", "grantType").filter(g -> !g.isEmpty())
                .orElseThrow(() -> new SyncError.ValidationFailed("grant_type is required (password or refresh_token)"));
        switch (grant) {
            case "password" -> {
                String username = body.requiredText("username");
                char[] password = body.requiredText("password").toCharArray();
                try {
                    UserId user = accounts.authenticate(username, password);
                    ctx.json(respond(user, accounts.issueRefreshToken(user)));
                } finally {
                    Arrays.fill(password, '\0');
                }
            }
            case "refresh_token" -> rotate(ctx, body);
            default -> throw new SyncError.ValidationFailed("grant_type must be password or refresh_token");
        }
    }

    private void refresh(Context ctx) {
        rotate(ctx, JsonBody.of(ctx));
    }

    private void rotate(Context ctx, JsonBody body) {
        String refreshToken = body.text("refresh_token", "refreshToken")
                .filter(t -> !t.isEmpty())
                .orElseThrow(() -> new SyncError.ValidationFailed("refresh_token is required"));
        IssuedRefreshToken rotated = accounts.rotate(refreshToken);
        ctx.json(respond(rotated.user(), rotated));
    }

    private void revoke(Context ctx) {
        JsonBody body = JsonBody.of(ctx);
        String token = body.text("token").filter(t -> !t.isEmpty())
                .orElseThrow(() -> new SyncError.ValidationFailed("token is required"));
        // Access tokens expire on their own within minutes; revoking one is accepted and changes nothing.
        String hint = body.text("token_type_hint", "tokenTypeHint").orElse("refresh_token");
        if (!"access_token".equals(hint)) {
            accounts.revoke(token);
        }
        ctx.json(Map.of("revoked", true));
    }

    private TokenResponse respond(UserId user, IssuedRefreshToken refresh) {
        // The access token names the login's grant: revoking the refresh family ends it too.
        AccessTokens.Issued access = tokens.issue(TokenGrant.user(user).withGrant(refresh.grantId(), refresh.expiresAt()));
        return new TokenResponse(access.token(), "Bearer", Params.secondsUntil(clock, access.expiresAt()), refresh.token(), SCOPE);
    }

}
