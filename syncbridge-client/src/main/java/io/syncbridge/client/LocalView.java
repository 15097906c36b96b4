package io.syncbridge.client;

import io.syncbridge.domain.change.AppliedChange;
import io.syncbridge.domain.change.Change;
import io.syncbridge.domain.change.MutationId;
import io.syncbridge.domain.conflict.ConflictResolver;
import io.syncbridge.domain.conflict.Resolution;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.error.PathConflict;
import io.syncbridge.domain.error.SyncError;
import io.syncbridge.domain.state.JsonObject;
import io.syncbridge.domain.state.PatchOperation;
import io.syncbridge.domain.state.StateDocument;
import io.syncbridge.domain.state.StateLimits;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The client's model of the session: the confirmed server state and version, the confirmed
 * changes that arrived ahead of a gap, the recent confirmed changes (for conflict checks), and the
 * pending local changes. The local view is the confirmed state with the pending changes applied
 * on top, by the domain's own patch code. Not thread-safe: the engine calls it under its lock.
 */
final class LocalView {

    /** A confirmed change: the server accepted it at {@code version}. */
    record Entry(long version, String deviceId, String mutationId, List<PatchOperation> operations) {
    }

    /** A pending change and where it stands: sent in the round in flight, acknowledged at a version. */
    static final class Pending {
        PendingChange change;
        boolean sent;
        long ackedVersion = -1;

        Pending(PendingChange change) {
            this.change = change;
        }
    }

    /** What applying confirmed changes did: the changes applied, and the pending ones they confirmed. */
    record Advance(List<Entry> applied, Map<String, Long> confirmedPending) {
    }

    private static final int LOG_CAPACITY = 4_096;

    private final StateLimits limits;
    private final String deviceId;
    private StateDocument confirmed;
    private long version;
    private final TreeMap<Long, Entry> early = new TreeMap<>();
    private final Deque<Entry> log = new ArrayDeque<>();
    private long logFloor;
    private final LinkedHashMap<String, Pending> pending = new LinkedHashMap<>();
    private StateDocument view;

    LocalView(JsonObject state, long version, List<PendingChange> restored, StateLimits limits, String deviceId) {
        this.limits = limits;
        this.deviceId = deviceId;
        this.confirmed = StateDocument.of(state);
        this.version = version;
        this.logFloor = version;
        for (PendingChange change : restored) {
            pending.put(change.mutationId(), new Pending(change));
        }
        recompute();
    }

    long version() {
        return version;
    }

    JsonObject confirmedState() {
        return confirmed.root();
    }

    JsonObject view() {
        return view.root();
    }

    int pendingCount() {
        return pending.size();
    }

    Map<String, Pending> pending() {
        return pending;
    }

    boolean isPending(String mutationId) {
        return pending.containsKey(mutationId);
    }

    /** Applies a new local change to the view; throws the domain's error (and changes nothing) when it cannot apply. */
    void addPending(PendingChange change) {
        StateDocument next = view.apply(change.operations(), limits);
        pending.put(change.mutationId(), new Pending(change));
        view = next;
    }

    /** Takes a confirmed change (or none); applies it and every change after it that is now contiguous. */
    Advance offer(Entry entry) {
        if (entry != null && entry.version() > version) {
            early.putIfAbsent(entry.version(), entry);
        }
        List<Entry> applied = new ArrayList<>();
        Map<String, Long> confirmedPending = new LinkedHashMap<>();
        while (!early.isEmpty() && early.firstKey() <= version + 1) {
            Entry next = early.pollFirstEntry().getValue();
            if (next.version() <= version) {
                continue;
            }
            confirmed = confirmed.apply(next.operations(), limits);
            version = next.version();
            log.addLast(next);
            if (log.size() > LOG_CAPACITY) {
                logFloor = log.removeFirst().version();
            }
            applied.add(next);
            if (pending.remove(next.mutationId()) != null) {
                confirmedPending.put(next.mutationId(), next.version());
            }
        }
        // Acknowledged changes the confirmed state now includes are no longer pending.
        pending.values().removeIf(p -> {
            boolean done = p.ackedVersion > 0 && p.ackedVersion <= version;
            if (done) {
                confirmedPending.put(p.change.mutationId(), p.ackedVersion);
            }
            return done;
        });
        if (!applied.isEmpty() || !confirmedPending.isEmpty()) {
            recompute();
        }
        return new Advance(applied, confirmedPending);
    }

    /** The server's whole state replaces the confirmed one (a reset); pending changes are re-based on it. */
    Map<String, Long> reset(JsonObject state, long newVersion) {
        confirmed = StateDocument.of(state);
        version = newVersion;
        early.headMap(newVersion, true).clear();
        log.clear();
        logFloor = newVersion;
        Map<String, Long> included = new LinkedHashMap<>();
        pending.values().removeIf(p -> {
            boolean done = p.ackedVersion > 0 && p.ackedVersion <= newVersion;
            if (done) {
                included.put(p.change.mutationId(), p.ackedVersion);
            }
            return done;
        });
        for (Pending p : pending.values()) {
            if (p.ackedVersion < 0) {
                p.change = p.change.rebasedOn(newVersion);
            }
        }
        recompute();
        return included;
    }

    /** The server acknowledged a pending change at {@code ackedVersion}; its change counts as confirmed from there. */
    void acknowledged(String mutationId, long ackedVersion) {
        Pending p = pending.get(mutationId);
        if (p == null) {
            return;
        }
        p.sent = false;
        p.ackedVersion = ackedVersion;
        if (ackedVersion > version) {
            early.putIfAbsent(ackedVersion, new Entry(ackedVersion, deviceId, mutationId, p.change.operations()));
        }
    }

    /** Removes a pending change (refused or dropped); returns whether it was pending. */
    boolean drop(String mutationId) {
        boolean removed = pending.remove(mutationId) != null;
        if (removed) {
            recompute();
        }
        return removed;
    }

    /** Re-bases a pending change on the current version, with new operations when given. */
    void rebase(String mutationId, List<PatchOperation> operations) {
        Pending p = pending.get(mutationId);
        if (p != null) {
            p.sent = false;
            p.change = operations == null ? p.change.rebasedOn(version) : p.change.withOperations(operations, version);
            recompute();
        }
    }

    /** True when a confirmed change is missing below one that arrived. */
    boolean hasGap() {
        return !early.isEmpty() && early.firstKey() > version + 1;
    }

    /** True when every acknowledged change is in the confirmed state: the next round can be based on it. */
    boolean settled() {
        for (Pending p : pending.values()) {
            if (p.sent || p.ackedVersion > 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Checks a pending change against the confirmed changes other devices made since it was last
     * reconciled, by the domain's resolver. Empty when it may be sent as it is (it is then
     * re-based on the current version); otherwise the conflicting paths.
     */
    Optional<List<PathConflict>> check(Pending p, ConflictResolver resolver) {
        PendingChange change = p.change;
        if (change.baseVersion() >= version) {
            return Optional.empty();
        }
        Optional<List<AppliedChange>> since = Optional.empty();
        if (change.baseVersion() >= logFloor) {
            List<AppliedChange> others = new ArrayList<>();
            for (Entry entry : log) {
                if (entry.version() > change.baseVersion() && !entry.deviceId().equals(deviceId)) {
                    others.add(new AppliedChange(entry.version(), new MutationId(entry.mutationId()),
                            new DeviceId(entry.deviceId().isEmpty() ? "unknown" : entry.deviceId()),
                            entry.operations(), Instant.EPOCH));
                }
            }
            if (others.isEmpty()) {
                p.change = change.rebasedOn(version);
                return Optional.empty();
            }
            since = Optional.of(others);
        }
        Change asSent = new Change(new MutationId(change.mutationId()), change.baseVersion(), change.operations(),
                new DeviceId(deviceId), Instant.EPOCH);
        Resolution resolution = resolver.resolve(asSent, version, since, confirmed);
        return switch (resolution) {
            case Resolution.Apply ignored -> {
                p.change = change.rebasedOn(version);
                yield Optional.empty();
            }
            case Resolution.Reject reject -> Optional.of(reject.conflicts());
        };
    }

    /** The view again: the confirmed state with every pending change that still applies on it. */
    private void recompute() {
        StateDocument next = confirmed;
        for (Pending p : pending.values()) {
            try {
                next = next.apply(p.change.operations(), limits);
            } catch (SyncError cannotApply) {
                // It no longer applies on the newer state; the server will refuse it and the engine drops it then.
            }
        }
        view = next;
    }
}
