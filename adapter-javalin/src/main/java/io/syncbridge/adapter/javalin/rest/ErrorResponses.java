package io.syncbridge.adapter.javalin.rest;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.syncbridge.adapter.javalin.ErrorStatus;
import io.syncbridge.domain.error.PathConflict;
import io.syncbridge.domain.error.SyncError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every error the same way: the HTTP status and {@code {code, message, details, requestId}},
 * whatever raised it (a domain error, a bad request, an unexpected failure).
 */
final class ErrorResponses {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

    /** The error body of the REST API. */
    public record ErrorBody(String code, String message, Map<String, Object> details, String requestId) {
    }

    private ErrorResponses() {
    }

    public static void write(Context ctx, int status, String code, String message, Map<String, Object> details) {
        ctx.status(status).json(new ErrorBody(code, message, details, RequestIds.of(ctx)));
    }

    public static void domain(SyncError error, Context ctx) {
        if (error instanceof SyncError.RateLimited limited) {
            ctx.header("Retry-After", Long.toString(Math.max(1, limited.retryAfterSeconds())));
        }
        if (error instanceof SyncError.DependencyDown down) {
            LOG.warn("dependency {} down while serving {} {}: {}", down.dependency(), ctx.method(), ctx.path(),
                    down.getMessage());
        }
        write(ctx, ErrorStatus.httpStatus(error), ErrorStatus.code(error), error.getMessage(), details(error));
    }

    public static void api(ApiException error, Context ctx) {
        if (error.status() == 401) {
            ctx.header("WWW-Authenticate", "Bearer");
        }
        write(ctx, error.status(), error.code(), error.getMessage(), error.details());
    }

    /** Javalin's own responses (no route, wrong method, body over the size limit) in our error shape. */
    public static void http(HttpResponseException error, Context ctx) {
        int status = error.getStatus();
        String code = switch (status) {
            case 400 -> "INVALID_REQUEST";
            case 401 -> "UNAUTHORIZED";
            case 403 -> "FORBIDDEN";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 413 -> "MESSAGE_TOO_LARGE";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            default -> status >= 500 ? "INTERNAL_ERROR" : "INVALID_REQUEST";
        };
        String message = status == 404 ? "No such endpoint: " + ctx.method() + " " + ctx.path() : error.getMessage();
        write(ctx, status, code, message, Map.of());
    }

    public static void invalidJson(Exception error, Context ctx) {
        write(ctx, 400, "INVALID_REQUEST", "Request body is not valid JSON", Map.of());
    }

    /** Anything unexpected: logged in full here, answered without a trace. */
    public static void unexpected(Exception error, Context ctx) {
        LOG.error("unhandled error serving {} {}", ctx.method(), ctx.path(), error);
        write(ctx, 500, "INTERNAL_ERROR", "Internal server error", Map.of());
    }

    private static Map<String, Object> details(SyncError error) {
        Map<String, Object> details = new LinkedHashMap<>();
        switch (error) {
            case SyncError.VersionConflict conflict -> {
                details.put("baseVersion", conflict.baseVersion());
                details.put("currentVersion", conflict.currentVersion());
                details.put("conflicts", conflicts(conflict.conflicts()));
            }
            case SyncError.DeviceLimitReached limit ->
                    details.put("devices", limit.devices().stream().map(Views::device).toList());
            case SyncError.RateLimited limited -> details.put("retryAfter", limited.retryAfterSeconds());
            case SyncError.InvalidPath path -> details.put("path", path.path());
            case SyncError.DependencyDown down -> details.put("dependency", down.dependency());
            case SyncError.QuotaExceeded quota -> {
                details.put("quota", quota.quota().wireName());
                details.put("limit", quota.limit());
                details.put("used", quota.used());
            }
            default -> {
            }
        }
        return details;
    }

    private static List<Map<String, Object>> conflicts(List<PathConflict> conflicts) {
        return conflicts.stream().map(c -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("path", c.path().toString());
            entry.put("currentValue", c.currentValue().map(io.syncbridge.adapter.javalin.json.JsonValues::toNode)
                    .orElse(null));
            return entry;
        }).toList();
    }
}
