package io.syncbridge.adapter.javalin.rest;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import io.syncbridge.domain.error.SyncError;
import io.syncbridge.port.out.EdgeMetrics;
import io.syncbridge.port.out.RateLimiter;
import io.syncbridge.port.out.TokenClaims;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * What happens to every HTTP request around its route: a request id, CORS, the body size limit,
 * rate limiting (per user when the bearer token is good, per address otherwise), and afterwards one
 * access-log line and the request metrics (by route template, never by raw path).
 */
final class EdgeFilters {

    private static final Logger ACCESS = LoggerFactory.getLogger("io.syncbridge.access");
    private static final String STARTED = "syncbridge.startedNanos";

    private final CorsPolicy cors;
    private final BearerAuth auth;
    private final RateLimiter rateLimiter;
    private final RateLimiter.Limit limit;
    private final long maxBodyBytes;
    private final EdgeMetrics metrics;

    public EdgeFilters(CorsPolicy cors, BearerAuth auth, RateLimiter rateLimiter, int requestsPerMinute,
                       long maxBodyBytes, EdgeMetrics metrics) {
        this.cors = Objects.requireNonNull(cors, "cors");
        this.auth = Objects.requireNonNull(auth, "auth");
        this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
        this.limit = new RateLimiter.Limit(requestsPerMinute, Duration.ofMinutes(1));
        this.maxBodyBytes = maxBodyBytes;
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    public void register(JavalinConfig cfg) {
        cfg.routes.before(this::begin);
        cfg.routes.before(this::limitBody);
        cfg.routes.before(this::limitRate);
        cfg.requestLogger.http(this::finish);
    }

    private void begin(Context ctx) {
        ctx.attribute(STARTED, System.nanoTime());
        RequestIds.assign(ctx);
        cors.apply(ctx);
        if (CorsPolicy.isPreflight(ctx)) {
            CorsPolicy.answerPreflight(ctx);
            ctx.skipRemainingHandlers();
        }
    }

    /** Refuses a declared body over the limit before reading it (undeclared ones are cut off while read). */
    private void limitBody(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBodyBytes) {
            throw ApiException.tooLarge(maxBodyBytes);
        }
    }

    private void limitRate(Context ctx) {
        if (!limited(ctx)) {
            return;
        }
        Optional<TokenClaims> claims = auth.peek(ctx);
        String key = claims.map(c -> "rest:user:" + c.user().value()).orElseGet(() -> "rest:ip:" + ctx.ip());
        RateLimiter.Decision decision = rateLimiter.tryAcquire(key, limit);
        ctx.header("X-RateLimit-Limit", Integer.toString(decision.limit()));
        ctx.header("X-RateLimit-Remaining", Integer.toString(Math.max(0, decision.remaining())));
        ctx.header("X-RateLimit-Reset", Long.toString(decision.resetSeconds()));
        if (!decision.allowed()) {
            throw new SyncError.RateLimited(Math.max(1, decision.resetSeconds()));
        }
    }

    /** The API is limited; health probes, metrics scrapes, preflights and WebSocket upgrades are not. */
    private static boolean limited(Context ctx) {
        String path = ctx.path();
        return path.startsWith("/v1/") && !path.startsWith("/v1/health") && !path.startsWith("/v1/ws")
                && !ctx.method().equals(HandlerType.OPTIONS);
    }

    private void finish(Context ctx, Float millis) {
        String route = route(ctx);
        int status = ctx.statusCode();
        Long started = ctx.attribute(STARTED);
        long nanos = started != null ? System.nanoTime() - started : (long) (millis * 1_000_000);
        metrics.recordHttpRequest(ctx.method().name(), route, status, nanos);
        String requestId = RequestIds.of(ctx);
        MDC.put(RequestIds.MDC_KEY, requestId);
        try {
            ACCESS.info("http method={} route={} status={} duration_ms={} request_id={}", ctx.method().name(), route,
                    status, String.format(java.util.Locale.ROOT, "%.1f", nanos / 1_000_000.0), requestId);
        } finally {
            MDC.remove(RequestIds.MDC_KEY);
        }
    }

    /** The route template that served the request; {@code unmatched} when none did. */
    static String route(Context ctx) {
        if (CorsPolicy.isPreflight(ctx)) {
            return "preflight";
        }
        try {
            Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
            return endpoint != null ? endpoint.path : "unmatched";
        } catch (RuntimeException none) {
            return "unmatched";
        }
    }
}
