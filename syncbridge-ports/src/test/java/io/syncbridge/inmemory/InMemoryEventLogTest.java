package io.syncbridge.inmemory;

import static io.syncbridge.port.out.contract.Fixtures.event;
import static io.syncbridge.port.out.contract.Fixtures.sessionId;
import static io.syncbridge.port.out.contract.Fixtures.userId;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.port.out.contract.Concurrently;
import io.syncbridge.port.out.contract.MutableClock;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InMemoryEventLogTest {

    private final MutableClock clock = new MutableClock();

    @Test
    void keepsTheLastEventsOldestFirst() {
        InMemoryEventLog log = new InMemoryEventLog(3);
        List<DomainEvent> events = events(5);

        events.forEach(log::publish);

        assertThat(log.recent()).containsExactlyElementsOf(events.subList(2, 5));
        assertThat(log.published()).isEqualTo(5);
    }

    @Test
    void keepsEveryEventOfRacingPublishersWithinCapacity() {
        InMemoryEventLog log = new InMemoryEventLog(1_000);

        List<List<DomainEvent>> published = Concurrently.run(4, () -> {
            List<DomainEvent> mine = events(50);
            mine.forEach(log::publish);
            return mine;
        });

        assertThat(log.recent()).containsExactlyInAnyOrderElementsOf(published.stream().flatMap(List::stream).toList());
    }

    private List<DomainEvent> events(int count) {
        var session = sessionId();
        var owner = userId();
        return IntStream.range(0, count).mapToObj(i -> event(session, owner, clock.now(), "s" + i)).toList();
    }
}
