package io.syncbridge.domain.error;

/** Stable, upper-case reason codes for every domain error; adapters map them to their protocol. */
public enum ErrorReason {
    VALIDATION_ERROR,
    INVALID_PATH,
    INVALID_STATE,
    STATE_TOO_LARGE,
    VERSION_CONFLICT,
    SESSION_NOT_FOUND,
    SESSION_EXPIRED,
    SESSION_ALREADY_EXISTS,
    DEVICE_NOT_FOUND,
    DEVICE_LIMIT_REACHED,
    SNAPSHOT_NOT_FOUND,
    HANDOFF_TOKEN_INVALID,
    FORBIDDEN,
    INVALID_CREDENTIALS,
    USERNAME_TAKEN,
    REFRESH_TOKEN_INVALID,
    REFRESH_TOKEN_EXPIRED,
    RATE_LIMITED,
    QUOTA_EXCEEDED,
    DEPENDENCY_DOWN
}
