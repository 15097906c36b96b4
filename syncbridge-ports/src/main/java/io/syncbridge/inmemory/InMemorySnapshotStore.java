package io.syncbridge.inmemory;

import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.snapshot.Snapshot;
import io.syncbridge.domain.snapshot.SnapshotId;
import io.syncbridge.domain.time.Clock;
import io.syncbridge.port.out.SnapshotStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Snapshot store adapter: keeps snapshots in memory per session; a snapshot is gone once its
 * {@code expiresAt} is reached by the injected clock (and is dropped from memory when next seen).
 */
public final class InMemorySnapshotStore implements SnapshotStore {

    /** Newest first; equal creation times by id, descending (code-point order). */
    static final Comparator<Snapshot> NEWEST_FIRST = Comparator.comparing(Snapshot::createdAt)
            .thenComparing(s -> s.id().value()).reversed();

    private final ConcurrentHashMap<SessionId, Map<SnapshotId, Snapshot>> sessions = new ConcurrentHashMap<>();
    private final Clock clock;

    public InMemorySnapshotStore(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void save(Snapshot snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        // compute, not computeIfAbsent + put: a concurrent deleteAll must not swallow the save.
        sessions.compute(snapshot.sessionId(), (id, snapshots) -> {
            Map<SnapshotId, Snapshot> target = snapshots == null ? new ConcurrentHashMap<>() : snapshots;
            target.put(snapshot.id(), snapshot);
            return target;
        });
    }

    @Override
    public Optional<Snapshot> find(SessionId session, SnapshotId id) {
        Objects.requireNonNull(id, "id");
        return live(session).stream().filter(s -> s.id().equals(id)).findFirst();
    }

    @Override
    public List<Snapshot> list(SessionId session, int limit, Optional<Instant> before) {
        Objects.requireNonNull(before, "before");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
        return live(session).stream()
                .filter(s -> before.map(b -> s.createdAt().isBefore(b)).orElse(true))
                .sorted(NEWEST_FIRST)
                .limit(limit)
                .toList();
    }

    @Override
    public int count(SessionId session) {
        return live(session).size();
    }

    @Override
    public void deleteAll(SessionId session) {
        sessions.remove(Objects.requireNonNull(session, "session"));
    }

    /** The session's unexpired snapshots; the expired ones are removed on the way. */
    private List<Snapshot> live(SessionId session) {
        Map<SnapshotId, Snapshot> snapshots = sessions.get(Objects.requireNonNull(session, "session"));
        if (snapshots == null) {
            return List.of();
        }
        Instant now = clock.now();
        snapshots.values().removeIf(s -> s.isExpired(now));
        List<Snapshot> live = List.copyOf(snapshots.values());
        if (live.isEmpty()) {
            // Inside computeIfPresent, so that a save racing with this cannot land in a dropped map.
            sessions.computeIfPresent(session, (id, current) -> current.isEmpty() ? null : current);
        }
        return live;
    }
}
