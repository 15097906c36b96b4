package io.syncbridge.adapter.javalin.rest;

import io.javalin.http.Context;
import io.syncbridge.domain.error.SyncError;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.port.in.Caller;
import io.syncbridge.port.out.AccessTokens;
import io.syncbridge.port.out.TokenClaims;
import io.syncbridge.port.out.TokenRejected;
import java.util.Objects;
import java.util.Optional;

/**
 * Who is calling: the bearer token of the {@code Authorization} header, verified once per request
 * (the rate limiter and the route both ask) and remembered on the request.
 */
final class BearerAuth {

    private static final String CLAIMS = "syncbridge.claims";
    private static final String REJECTION = "syncbridge.tokenRejected";

    private final AccessTokens tokens;

    public BearerAuth(AccessTokens tokens) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    /** The verified claims, or empty when there is no token or it was refused. */
    public Optional<TokenClaims> peek(Context ctx) {
        try {
            return Optional.of(require(ctx));
        } catch (ApiException refused) {
            return Optional.empty();
        }
    }

    /** The verified claims; a 401 ApiException when the token is missing, malformed, tampered or expired. */
    public TokenClaims require(Context ctx) {
        return require(ctx, false);
    }

    /**
     * Like {@link #require(Context)}, also reading a {@code token} query parameter (for
     * EventSource clients, which cannot set headers).
     */
    public TokenClaims require(Context ctx, boolean allowQueryToken) {
        TokenClaims known = ctx.attribute(CLAIMS);
        if (known != null) {
            return known;
        }
        ApiException refused = ctx.attribute(REJECTION);
        if (refused != null) {
            throw refused;
        }
        Optional<String> token = bearer(ctx).or(() -> allowQueryToken
                ? Optional.ofNullable(ctx.queryParam("token")).filter(t -> !t.isBlank())
                : Optional.empty());
        if (token.isEmpty()) {
            throw ApiException.unauthorized("UNAUTHORIZED", "Missing bearer token");
        }
        try {
            TokenClaims claims = tokens.verify(token.get());
            ctx.attribute(CLAIMS, claims);
            return claims;
        } catch (TokenRejected rejected) {
            ApiException error = ApiException.unauthorized(rejected.code().name(), rejected.getMessage());
            ctx.attribute(REJECTION, error);
            throw error;
        }
    }

    public Caller caller(Context ctx) {
        return require(ctx).caller();
    }

    /**
     * The session the path's {@code {id}} names for this caller: session ids are scoped to their
     * owner, so the same id under another user is another session, and nobody reaches one of theirs.
     */
    public SessionId sessionId(Context ctx) {
        return SessionId.scoped(require(ctx).user(), ctx.pathParam("id"));
    }

    /** Refuses a session-scoped (device) token what only the user's own credentials may do. */
    public TokenClaims requireUserToken(Context ctx, String what) {
        TokenClaims claims = require(ctx);
        if (claims.sessionScoped()) {
            throw new SyncError.Forbidden("A session-scoped token cannot " + what);
        }
        return claims;
    }

    private static Optional<String> bearer(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null) {
            return Optional.empty();
        }
        String trimmed = header.trim();
        if (trimmed.length() > 7 && trimmed.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(trimmed.substring(7).trim());
        }
        throw ApiException.unauthorized("UNAUTHORIZED", "Authorization must use the Bearer scheme");
    }
}
