package io.syncbridge.application;

/**
 * What one account may keep: sessions per user, snapshots per session, and stored bytes per user
 * (the encoded size of its sessions' states plus their snapshots). A write past one is refused
 * with {@code QuotaExceeded} and changes nothing.
 */
public record Quotas(int sessionsPerUser, int snapshotsPerSession, long storedBytesPerUser) {

    public static final Quotas DEFAULT = new Quotas(1_000, 50, 64L * 1024 * 1024);

    public Quotas {
        if (sessionsPerUser < 1 || snapshotsPerSession < 1 || storedBytesPerUser < 1) {
            throw new IllegalArgumentException("every quota must be at least 1: " + sessionsPerUser + ", "
                    + snapshotsPerSession + ", " + storedBytesPerUser);
        }
    }
}
