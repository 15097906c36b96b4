package io.syncbridge.adapter.rabbit;

import io.syncbridge.domain.session.SessionId;
import io.syncbridge.port.out.EventOutbox.Pending;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Cuts a batch of pending events, in outbox order, into waves that hold at most one event per
 * session. A wave is published as a whole and confirmed before the next one starts, so a later
 * event of a session never leaves before the earlier one is confirmed, while events of different
 * sessions still share one round trip to the broker.
 */
final class PublishWaves {

    private PublishWaves() {
    }

    static List<List<Pending>> of(List<Pending> batch) {
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
}
