package io.syncbridge.inmemory;

import io.syncbridge.domain.handoff.Handoff;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.port.out.HandoffAudit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Handoff audit adapter: the trail of completed handoffs in memory, per session. Recording a
 * handoff id that is already recorded changes nothing (a retried write is harmless).
 */
public final class InMemoryHandoffAudit implements HandoffAudit {

    private final ConcurrentHashMap<SessionId, List<Handoff>> trails = new ConcurrentHashMap<>();

    @Override
    public void record(Handoff handoff) {
        Objects.requireNonNull(handoff, "handoff");
        trails.compute(handoff.sessionId(), (id, trail) -> {
            if (trail != null && trail.stream().anyMatch(h -> h.id().equals(handoff.id()))) {
                return trail;
            }
            List<Handoff> next = trail == null ? new ArrayList<>() : new ArrayList<>(trail);
            next.add(handoff);
            return List.copyOf(next);
        });
    }

    /** {@inheritDoc} Newest by completion time; of equal times, the one recorded last first. */
    @Override
    public List<Handoff> list(SessionId session, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
        List<Handoff> trail = trails.getOrDefault(Objects.requireNonNull(session, "session"), List.of());
        return trail.reversed().stream()
                .sorted(Comparator.comparing(Handoff::completedAt).reversed()) // stable: keeps recorded-last first
                .limit(limit)
                .toList();
    }
}
