package io.syncbridge.inmemory;

import io.syncbridge.domain.handoff.Handoff;
import io.syncbridge.domain.handoff.HandoffId;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.port.out.HandoffAudit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Handoff audit adapter: the trail of completed handoffs in memory, per session, keeping the most
 * recent {@link #DEFAULT_CAPACITY} of each (a process that runs for weeks must not grow without
 * bound). Recording a handoff id that is already kept changes nothing (a retried write is harmless).
 */
public final class InMemoryHandoffAudit implements HandoffAudit {

    public static final int DEFAULT_CAPACITY = 1_000;

    private final ConcurrentHashMap<SessionId, Trail> trails = new ConcurrentHashMap<>();
    private final int capacity;

    public InMemoryHandoffAudit() {
        this(DEFAULT_CAPACITY);
    }

    public InMemoryHandoffAudit(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
    }

    @Override
    public void record(Handoff handoff) {
        Objects.requireNonNull(handoff, "handoff");
        trails.computeIfAbsent(handoff.sessionId(), id -> new Trail()).add(handoff, capacity);
    }

    /** {@inheritDoc} Newest by completion time; of equal times, the one recorded last first. */
    @Override
    public List<Handoff> list(SessionId session, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
        Trail trail = trails.get(Objects.requireNonNull(session, "session"));
        List<Handoff> recorded = trail == null ? List.of() : trail.snapshot();
        return recorded.reversed().stream()
                .sorted(Comparator.comparing(Handoff::completedAt).reversed()) // stable: keeps recorded-last first
                .limit(limit)
                .toList();
    }

    /** One session's handoffs in the order recorded, oldest dropped first. */
    private static final class Trail {
        private final ArrayDeque<Handoff> handoffs = new ArrayDeque<>();
        private final Set<HandoffId> ids = new HashSet<>();

        synchronized void add(Handoff handoff, int capacity) {
            if (!ids.add(handoff.id())) {
                return;
            }
            handoffs.addLast(handoff);
            if (handoffs.size() > capacity) {
                ids.remove(handoffs.removeFirst().id());
            }
        }

        synchronized List<Handoff> snapshot() {
            return new ArrayList<>(handoffs);
        }
    }
}
