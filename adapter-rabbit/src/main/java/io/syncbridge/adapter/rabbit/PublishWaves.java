package io.syncbridge.adapter.rabbit;

import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.port.out.EventOutbox.Pending;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cuts a batch of pending events, in outbox order, into waves that hold at most one event per
 * session. The waves go out one after the other on one channel, which keeps their order, so a
 * later event of a session never overtakes an earlier one, and a wave that cannot be encoded stops
 * its batch before any later event of its sessions leaves.
 */
final class PublishWaves {

    private PublishWaves() {
    }

    static List<List<Pending>> of(List<Pending> batch) {
        batch = inVersionOrder(batch);
        List<List<Pending>> waves = new ArrayList<>();
        List<Pending> wave = new ArrayList<>();
        Set<SessionId> sessionsInWave = new HashSet<>();
        for (Pending pending : batch) {
            if (!sessionsInWave.add(pending.event().sessionId())) {
                waves.add(List.copyOf(wave));
                wave.clear();
                sessionsInWave.clear();
                sessionsInWave.add(pending.event().sessionId());
            }
            wave.add(pending);
        }
        if (!wave.isEmpty()) {
            waves.add(List.copyOf(wave));
        }
        return List.copyOf(waves);
    }

    /**
     * Two writers of one session may record their state changes in the outbox in the opposite
     * order of their versions (each records just after its own commit). Within the batch, each
     * session's {@code state.changed} events are put back in version order, in the slots they
     * occupied, so that consumers see versions rise; every other event keeps its place.
     */
    static List<Pending> inVersionOrder(List<Pending> batch) {
        Map<SessionId, List<Integer>> slots = new HashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i).event() instanceof DomainEvent.StateChanged changed) {
                slots.computeIfAbsent(changed.sessionId(), s -> new ArrayList<>()).add(i);
            }
        }
        List<Pending> ordered = new ArrayList<>(batch);
        for (List<Integer> positions : slots.values()) {
            List<Pending> changes = new ArrayList<>(positions.stream().map(batch::get).toList());
            changes.sort(Comparator.comparingLong(p -> ((DomainEvent.StateChanged) p.event()).change().version()));
            for (int k = 0; k < positions.size(); k++) {
                ordered.set(positions.get(k), changes.get(k));
            }
        }
        return ordered;
    }
}
