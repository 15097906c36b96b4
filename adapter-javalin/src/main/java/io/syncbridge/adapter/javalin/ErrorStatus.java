package io.syncbridge.adapter.javalin;

import io.syncbridge.domain.error.ErrorReason;
import io.syncbridge.domain.error.SyncError;

/** The one mapping of domain errors to HTTP-like status codes and wire codes, for REST and WebSocket alike. */
public final class ErrorStatus {

    private ErrorStatus() {
    }

    public static int httpStatus(SyncError error) {
        if (error instanceof SyncError.RateLimited limited && limited.overloaded().isPresent()) {
            return 503; // the server's capacity, not the caller's limit: Retry-After says when
        }
        // Too many bytes is a size problem (413); too many sessions or snapshots a count one (429).
        if (error instanceof SyncError.QuotaExceeded quota
                && quota.quota() == SyncError.QuotaExceeded.Quota.STORED_BYTES_PER_USER) {
            return 413;
        }
        return httpStatus(error.reason());
    }

    public static int httpStatus(ErrorReason reason) {
        return switch (reason) {
            case VALIDATION_ERROR, INVALID_PATH -> 400;
            case INVALID_CREDENTIALS, REFRESH_TOKEN_INVALID, REFRESH_TOKEN_EXPIRED -> 401;
            case FORBIDDEN -> 403;
            case SESSION_NOT_FOUND, DEVICE_NOT_FOUND, SNAPSHOT_NOT_FOUND -> 404;
            case SESSION_EXPIRED -> 410;
            case VERSION_CONFLICT, DEVICE_LIMIT_REACHED, SESSION_ALREADY_EXISTS, USERNAME_TAKEN -> 409;
            case STATE_TOO_LARGE -> 413;
            case INVALID_STATE, HANDOFF_TOKEN_INVALID -> 422;
            case RATE_LIMITED, QUOTA_EXCEEDED -> 429;
            case DEPENDENCY_DOWN -> 503;
        };
    }

    /** The wire code: the reason's name, except where the v1 reference names it differently. */
    public static String code(SyncError error) {
        return switch (error.reason()) {
            case INVALID_CREDENTIALS, REFRESH_TOKEN_INVALID -> "UNAUTHORIZED";
            case REFRESH_TOKEN_EXPIRED -> "TOKEN_EXPIRED";
            case INVALID_PATH -> "INVALID_REQUEST";
            default -> error.reason().name();
        };
    }
}
