package io.syncbridge.adapter.javalin.rest;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Set;

/**
 * Cross-origin access for browser clients: origins from configuration ({@code *} for any), the
 * methods and headers of the contract, and the response headers a script may read.
 */
final class CorsPolicy {

    static final String METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
    static final String HEADERS = "Authorization, Content-Type, X-Requested-With, If-Match, X-Request-ID";
    static final String EXPOSED = "X-Request-ID, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, "
            + "ETag, Retry-After, Location";
    private static final String MAX_AGE_SECONDS = "600";

    private final Set<String> origins;
    private final boolean anyOrigin;

    public CorsPolicy(List<String> allowedOrigins) {
        this.anyOrigin = allowedOrigins.contains("*");
        this.origins = Set.copyOf(allowedOrigins.stream().map(CorsPolicy::normalise).toList());
    }

    /** True for a CORS preflight: OPTIONS with an Origin and the method the browser wants to use. */
    public static boolean isPreflight(Context ctx) {
        return ctx.method().equals(HandlerType.OPTIONS) && ctx.header("Origin") != null
                && ctx.header("Access-Control-Request-Method") != null;
    }

    /** Before every request: adds the CORS headers when the origin is allowed. */
    public void apply(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null) {
            return;
        }
        ctx.header("Vary", "Origin");
        if (!allows(origin)) {
            return;
        }
        ctx.header("Access-Control-Allow-Origin", anyOrigin ? "*" : origin);
        ctx.header("Access-Control-Expose-Headers", EXPOSED);
        if (isPreflight(ctx)) {
            ctx.header("Access-Control-Allow-Methods", METHODS);
            ctx.header("Access-Control-Allow-Headers", HEADERS);
            ctx.header("Access-Control-Max-Age", MAX_AGE_SECONDS);
        }
    }

    /** The answer to a preflight (allowed or not: without the allow headers the browser refuses). */
    public static void answerPreflight(Context ctx) {
        ctx.status(204);
    }

    private boolean allows(String origin) {
        return anyOrigin || origins.contains(normalise(origin));
    }

    private static String normalise(String origin) {
        String trimmed = origin.trim();
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
