package io.syncbridge.application;

import io.syncbridge.domain.error.SyncError;
import io.syncbridge.domain.error.SyncError.QuotaExceeded.Quota;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.UserId;
import io.syncbridge.domain.snapshot.Snapshot;
import io.syncbridge.port.out.SessionCatalogue;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Checks the quotas of {@link Quotas} before a write. Stored bytes are summed from the stores
 * (each session's state and snapshots, the owner's sessions found through the catalogue) on an
 * owner's first growing write on this node and for each new snapshot; after that the growth this
 * node allowed is added, and a count older than {@link #USAGE_FRESHNESS} is refreshed in the
 * background, so a state change costs no extra reads on the hot path. Another node's writes of
 * the last few seconds can therefore go unseen: the byte quota may be passed by what one account
 * writes in that time on other nodes, never by more. While the stores cannot be read (the
 * catalogue is down), writes are checked against the last count, or let through: live sync goes on.
 */
final class StorageQuota {

    static final Duration USAGE_FRESHNESS = Duration.ofSeconds(5);
    /** Owners whose usage is remembered; beyond it the memory starts afresh (usage is only a cache). */
    private static final int MAX_REMEMBERED = 10_000;

    private static final System.Logger LOG = System.getLogger(StorageQuota.class.getName());

    private final DrivenPorts ports;
    private final Quotas quotas;
    private final ConcurrentMap<UserId, Usage> usage = new ConcurrentHashMap<>();
    private final ConcurrentMap<UserId, Boolean> refreshing = new ConcurrentHashMap<>();

    StorageQuota(DrivenPorts ports, Quotas quotas) {
        this.ports = ports;
        this.quotas = quotas;
    }

    Quotas quotas() {
        return quotas;
    }

    /** Before a new session: the owner has fewer than the quota. */
    void allowNewSession(UserId owner) {
        long held = ports.catalogue().page(owner, Optional.empty(), Optional.empty(), 1, 0).total();
        if (held >= quotas.sessionsPerUser()) {
            throw new SyncError.QuotaExceeded(Quota.SESSIONS_PER_USER, quotas.sessionsPerUser(), held);
        }
    }

    /** Before a new snapshot of {@code session}: room in the session's count and in the owner's bytes. */
    void allowNewSnapshot(Session session) {
        int held = ports.snapshots().count(session.id());
        if (held >= quotas.snapshotsPerSession()) {
            throw new SyncError.QuotaExceeded(Quota.SNAPSHOTS_PER_SESSION, quotas.snapshotsPerSession(), held);
        }
        allowGrowth(session.owner(), session.state().encodedSize(), true);
    }

    /** Before a state write: a state that grows must fit the owner's bytes; one that shrinks always may. */
    void allowStateChange(Session before, Session after) {
        long growth = after.state().encodedSize() - before.state().encodedSize();
        allowGrowth(after.owner(), growth, false);
    }

    private void allowGrowth(UserId owner, long growth, boolean recount) {
        if (growth <= 0) {
            usage.computeIfPresent(owner, (o, u) -> u.plus(growth));
            return;
        }
        Usage current = usage.get(owner);
        if (recount || current == null) {
            current = countNow(owner, current);
        } else if (System.nanoTime() - current.countedAtNanos() > USAGE_FRESHNESS.toNanos()) {
            refreshInBackground(owner);
        }
        long wouldBe = current.bytes() + growth;
        if (wouldBe > quotas.storedBytesPerUser()) {
            throw new SyncError.QuotaExceeded(Quota.STORED_BYTES_PER_USER, quotas.storedBytesPerUser(), wouldBe);
        }
        if (usage.size() >= MAX_REMEMBERED) {
            usage.clear();
        }
        Usage checked = current;
        usage.compute(owner, (o, held) -> (held == null ? checked : held).plus(growth));
    }

    /**
     * Counts and remembers the owner's usage. When the stores cannot be read (the catalogue is
     * down) live sync must go on: the last count is kept, or, with none, zero is remembered for a
     * while, so that only one write per owner waits on the stores' time-outs.
     */
    private Usage countNow(UserId owner, Usage last) {
        try {
            Usage counted = new Usage(count(owner), System.nanoTime());
            usage.put(owner, counted);
            return counted;
        } catch (SyncError.DependencyDown down) {
            LOG.log(System.Logger.Level.WARNING, "stored bytes of " + owner + " cannot be counted now ("
                    + down.getMessage() + "); " + (last == null ? "not checked until counted" : "checked on the last count"));
            Usage assumed = last != null ? last : new Usage(0, System.nanoTime());
            usage.put(owner, assumed);
            return assumed;
        }
    }

    /** Counts the owner again off the caller's thread (one count per owner at a time); the hot path never waits. */
    private void refreshInBackground(UserId owner) {
        if (refreshing.putIfAbsent(owner, Boolean.TRUE) != null) {
            return;
        }
        Thread.ofVirtual().name("storage-quota-count").start(() -> {
            try {
                countNow(owner, usage.get(owner));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "counting the stored bytes of " + owner + " failed", e);
            } finally {
                refreshing.remove(owner);
            }
        });
    }

    /** The owner's stored bytes as the stores hold them now. */
    private long count(UserId owner) {
        long bytes = 0;
        int pageSize = SessionService.MAX_PAGE;
        for (int offset = 0; ; offset += pageSize) {
            SessionCatalogue.Page page = ports.catalogue().page(owner, Optional.empty(), Optional.empty(), pageSize,
                    offset);
            for (SessionCatalogue.SessionEntry entry : page.entries()) {
                bytes += bytesOf(entry.id());
            }
            if (page.entries().size() < pageSize || offset + pageSize >= page.total()) {
                return bytes;
            }
        }
    }

    private long bytesOf(SessionId id) {
        long bytes = ports.sessions().load(id).map(s -> s.state().encodedSize()).orElse(0L);
        for (Snapshot snapshot : ports.snapshots().list(id, Math.max(1, quotas.snapshotsPerSession()),
                Optional.empty())) {
            bytes += snapshot.state().encodedSize();
        }
        return bytes;
    }

    private record Usage(long bytes, long countedAtNanos) {
        Usage plus(long delta) {
            return new Usage(Math.max(0, bytes + delta), countedAtNanos);
        }
    }
}
