package io.syncbridge.adapter.rabbit;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.port.out.EventOutbox.Pending;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PublishWavesTest {

    private static final SessionId A = new SessionId("a");
    private static final SessionId B = new SessionId("b");
    private static final SessionId C = new SessionId("c");

    @Test
    void holdsEventsOfDifferentSessionsInOneWave() {
        List<Pending> batch = pending(SampleEvents.stateChange(A, 1), SampleEvents.stateChange(B, 1),
                SampleEvents.stateChange(C, 1));

        assertThat(PublishWaves.of(batch)).containsExactly(batch);
    }

    @Test
    void startsANewWaveWhenASessionComesAgain() {
        DomainEvent a1 = SampleEvents.stateChange(A, 1);
        DomainEvent b1 = SampleEvents.stateChange(B, 1);
        DomainEvent a2 = SampleEvents.stateChange(A, 2);
        DomainEvent c1 = SampleEvents.stateChange(C, 1);
        DomainEvent a3 = SampleEvents.stateChange(A, 3);

        List<List<Pending>> waves = PublishWaves.of(pending(a1, b1, a2, c1, a3));

        assertThat(waves).extracting(wave -> wave.stream().map(Pending::event).toList())
                .containsExactly(List.of(a1, b1), List.of(a2, c1), List.of(a3));
    }

    @Test
    void putsEachSessionsStateChangesBackInVersionOrderKeepingOtherEventsInPlace() {
        DomainEvent a2 = SampleEvents.stateChange(A, 2);
        DomainEvent b1 = SampleEvents.stateChange(B, 1);
        DomainEvent a1 = SampleEvents.stateChange(A, 1);
        DomainEvent a3 = SampleEvents.stateChange(A, 3);
        DomainEvent other = SampleEvents.everyType(A).get(0);

        List<Pending> ordered = PublishWaves.inVersionOrder(pending(a3, b1, other, a1, a2));

        assertThat(ordered).extracting(Pending::event).containsExactly(a1, b1, other, a2, a3);
    }

    @Test
    void relaysOnlyEventsThatHaveRestedLongEnoughForStragglersToArrive() {
        Instant now = Instant.parse("2026-01-01T00:00:10Z");
        Pending old = new Pending(SampleEvents.stateChange(A, 1), now.minus(OutboxRelay.SETTLE), 0);
        Pending fresh = new Pending(SampleEvents.stateChange(A, 2), now.minusMillis(1), 0);
        Pending olderAfterFresh = new Pending(SampleEvents.stateChange(B, 1), now.minusSeconds(5), 0);

        assertThat(OutboxRelay.settled(List.of(old, fresh, olderAfterFresh), now)).containsExactly(old);
        assertThat(OutboxRelay.settled(List.of(fresh), now)).isEmpty();
    }

    @Test
    void makesNoWaveOfAnEmptyBatch() {
        assertThat(PublishWaves.of(List.of())).isEmpty();
    }

    private static List<Pending> pending(DomainEvent... events) {
        return Arrays.stream(events).map(event -> new Pending(event, Instant.EPOCH, 0)).toList();
    }
}
