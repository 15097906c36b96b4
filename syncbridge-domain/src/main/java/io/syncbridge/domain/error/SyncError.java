package io.syncbridge.domain.error;

import io.syncbridge.domain.device.Device;
import java.util.List;
import java.util.Objects;

/**
 * Every failure the core reports: a closed set, each with a stable {@link ErrorReason}, so that an
 * adapter can map outcomes to its protocol with a checked {@code switch}.
 */
public abstract sealed class SyncError extends RuntimeException {

    private final ErrorReason reason;

    private SyncError(ErrorReason reason, String message) {
        this(reason, message, null);
    }

    // The cause goes through the constructor: initCause after super(message, null, ...) throws.
    private SyncError(ErrorReason reason, String message, Throwable cause) {
        super(message, cause, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public ErrorReason reason() {
        return reason;
    }

    /** Input that breaks a rule of the model (a blank name, a bad limit, an unknown enum value). */
    public static final class ValidationFailed extends SyncError {
        public ValidationFailed(String message) {
            super(ErrorReason.VALIDATION_ERROR, message);
        }
    }

    /** A JSON Pointer that is malformed or does not lead anywhere the operation may go. */
    public static final class InvalidPath extends SyncError {
        private final String path;

        public InvalidPath(String path, String message) {
            super(ErrorReason.INVALID_PATH, message);
            this.path = path;
        }

        public String path() {
            return path;
        }
    }

    /** An operation that cannot apply to the current state (missing member, wrong type, index out of range). */
    public static final class InvalidState extends SyncError {
        public InvalidState(String message) {
            super(ErrorReason.INVALID_STATE, message);
        }
    }

    /** A document that would exceed the size or depth limit. */
    public static final class StateTooLarge extends SyncError {
        public StateTooLarge(String message) {
            super(ErrorReason.STATE_TOO_LARGE, message);
        }
    }

    /** A change based on a version the policy cannot reconcile with the current one. */
    public static final class VersionConflict extends SyncError {
        private final long baseVersion;
        private final long currentVersion;
        private final List<PathConflict> conflicts;

        public VersionConflict(long baseVersion, long currentVersion, List<PathConflict> conflicts) {
            super(ErrorReason.VERSION_CONFLICT, "Change based on version " + baseVersion
                    + " conflicts with current version " + currentVersion);
            this.baseVersion = baseVersion;
            this.currentVersion = currentVersion;
            this.conflicts = List.copyOf(conflicts);
        }

        public long baseVersion() {
            return baseVersion;
        }

        public long currentVersion() {
            return currentVersion;
        }

        public List<PathConflict> conflicts() {
            return conflicts;
        }
    }

    /** A session that does not exist, or that the caller may not see (the two are not told apart). */
    public static final class SessionNotFound extends SyncError {
        public SessionNotFound(String sessionId) {
            super(ErrorReason.SESSION_NOT_FOUND, "Session not found: " + sessionId);
        }
    }

    /** A session past its expiry. */
    public static final class SessionExpired extends SyncError {
        public SessionExpired(String sessionId) {
            super(ErrorReason.SESSION_EXPIRED, "Session expired: " + sessionId);
        }
    }

    /** A create for an id that is taken. */
    public static final class SessionAlreadyExists extends SyncError {
        public SessionAlreadyExists(String sessionId) {
            super(ErrorReason.SESSION_ALREADY_EXISTS, "Session already exists: " + sessionId);
        }
    }

    /** A device id that is not attached to the session. */
    public static final class DeviceNotFound extends SyncError {
        public DeviceNotFound(String deviceId) {
            super(ErrorReason.DEVICE_NOT_FOUND, "Device not attached to the session: " + deviceId);
        }
    }

    /** A new device on a session that already has the maximum; carries the devices attached now. */
    public static final class DeviceLimitReached extends SyncError {
        private final List<Device> devices;

        public DeviceLimitReached(int limit, List<Device> devices) {
            super(ErrorReason.DEVICE_LIMIT_REACHED, "Session already has the maximum of " + limit + " devices");
            this.devices = List.copyOf(devices);
        }

        /** The devices attached now, in the order they joined. */
        public List<Device> devices() {
            return devices;
        }
    }

    /** A snapshot id unknown for the session (or expired). */
    public static final class SnapshotNotFound extends SyncError {
        public SnapshotNotFound(String snapshotId) {
            super(ErrorReason.SNAPSHOT_NOT_FOUND, "Snapshot not found: " + snapshotId);
        }
    }

    /** A handoff token that is unknown, used already, expired or for another session. */
    public static final class HandoffTokenInvalid extends SyncError {
        public HandoffTokenInvalid(String message) {
            super(ErrorReason.HANDOFF_TOKEN_INVALID, message);
        }
    }

    /** An action the caller is not allowed to take on a resource it can see. */
    public static final class Forbidden extends SyncError {
        public Forbidden(String message) {
            super(ErrorReason.FORBIDDEN, message);
        }
    }

    /** A wrong username or password (never says which). */
    public static final class InvalidCredentials extends SyncError {
        public InvalidCredentials() {
            super(ErrorReason.INVALID_CREDENTIALS, "Invalid username or password");
        }
    }

    /** A registration for a username that exists. */
    public static final class UsernameTaken extends SyncError {
        public UsernameTaken(String username) {
            super(ErrorReason.USERNAME_TAKEN, "Username already registered: " + username);
        }
    }

    /** A refresh token that is unknown, revoked or already rotated. */
    public static final class RefreshTokenInvalid extends SyncError {
        public RefreshTokenInvalid(String message) {
            super(ErrorReason.REFRESH_TOKEN_INVALID, message);
        }
    }

    /** A refresh token past its end of life: the login must sign in again, but nothing was stolen. */
    public static final class RefreshTokenExpired extends SyncError {
        public RefreshTokenExpired() {
            super(ErrorReason.REFRESH_TOKEN_EXPIRED, "Refresh token expired; please sign in again");
        }
    }

    /**
     * Too many requests for a limit; {@code retryAfterSeconds} says when to try again. When
     * {@link #overloaded} names a dependency, it is not the caller's limit but the server's
     * capacity (a store's queue is full): refused at once, nothing changed.
     */
    public static final class RateLimited extends SyncError {
        private final long retryAfterSeconds;
        private final String overloaded;

        public RateLimited(long retryAfterSeconds) {
            this(retryAfterSeconds, null);
        }

        private RateLimited(long retryAfterSeconds, String overloaded) {
            super(ErrorReason.RATE_LIMITED, overloaded == null
                    ? "Rate limit exceeded; retry in " + retryAfterSeconds + " s"
                    : "Server at capacity (" + overloaded + "); retry in " + retryAfterSeconds + " s");
            this.retryAfterSeconds = retryAfterSeconds;
            this.overloaded = overloaded;
        }

        /** The server cannot take more work of {@code dependency} now; nothing was changed. */
        public static RateLimited overloaded(String dependency, long retryAfterSeconds) {
            return new RateLimited(retryAfterSeconds, Objects.requireNonNull(dependency, "dependency"));
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }

        /** The dependency at capacity, when this is the server's capacity and not the caller's limit. */
        public java.util.Optional<String> overloaded() {
            return java.util.Optional.ofNullable(overloaded);
        }
    }

    /**
     * A write that would take the caller past one of its quotas (sessions per user, snapshots per
     * session, stored bytes per user); nothing was changed. {@code limit} is the quota,
     * {@code used} what is held now (for bytes: what the write would make it).
     */
    public static final class QuotaExceeded extends SyncError {
        private final Quota quota;
        private final long limit;
        private final long used;

        public QuotaExceeded(Quota quota, long limit, long used) {
            super(ErrorReason.QUOTA_EXCEEDED, quota.describe(limit, used));
            this.quota = Objects.requireNonNull(quota, "quota");
            this.limit = limit;
            this.used = used;
        }

        public Quota quota() {
            return quota;
        }

        public long limit() {
            return limit;
        }

        public long used() {
            return used;
        }

        /** The quotas there are; {@link #wireName()} is how adapters name them. */
        public enum Quota {
            SESSIONS_PER_USER("sessions_per_user", "sessions"),
            SNAPSHOTS_PER_SESSION("snapshots_per_session", "snapshots in this session"),
            STORED_BYTES_PER_USER("stored_bytes_per_user", "bytes of state and snapshots");

            private final String wireName;
            private final String unit;

            Quota(String wireName, String unit) {
                this.wireName = wireName;
                this.unit = unit;
            }

            public String wireName() {
                return wireName;
            }

            String describe(long limit, long used) {
                return this == STORED_BYTES_PER_USER
                        ? "Quota exceeded: this write would store " + used + " " + unit + "; the quota is " + limit
                        : "Quota exceeded: " + used + " " + unit + " of at most " + limit;
            }
        }
    }

    /** A critical dependency (store) that cannot be reached; nothing was changed. */
    public static final class DependencyDown extends SyncError {
        private final String dependency;

        public DependencyDown(String dependency, String message, Throwable cause) {
            super(ErrorReason.DEPENDENCY_DOWN, dependency + " unavailable: " + message, cause);
            this.dependency = dependency;
        }

        public String dependency() {
            return dependency;
        }
    }
}
