package io.syncbridge.inmemory;

import static io.syncbridge.port.out.contract.Fixtures.event;
import static io.syncbridge.port.out.contract.Fixtures.sessionId;
import static io.syncbridge.port.out.contract.Fixtures.userId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncbridge.domain.error.SyncError;
import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.port.out.EventOutbox.Pending;
import io.syncbridge.port.out.contract.MutableClock;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The in-memory outbox's bound: published entries make room, unpublished ones are never dropped. */
class InMemoryEventOutboxTest {

    private final MutableClock clock = new MutableClock();
    private final InMemoryEventOutbox outbox = new InMemoryEventOutbox(clock, 3);

    @Test
    void whenFullTheOldestPublishedEntryMakesRoom() {
        List<DomainEvent> events = events(4);
        events.subList(0, 3).forEach(outbox::append);
        outbox.markPublished(List.of(events.get(2).eventId(), events.get(1).eventId()), clock.now());

        outbox.append(events.get(3));

        assertThat(outbox.size()).isEqualTo(3);
        assertThat(outbox.pending(10)).extracting(Pending::event).containsExactly(events.get(0), events.get(3));
    }

    @Test
    void whenFullOfUnpublishedEventsRefusesAndKeepsThemAll() {
        List<DomainEvent> events = events(4);
        events.subList(0, 3).forEach(outbox::append);

        assertThatThrownBy(() -> outbox.append(events.get(3)))
                .isInstanceOfSatisfying(SyncError.DependencyDown.class,
                        e -> assertThat(e.dependency()).isEqualTo("outbox"));

        assertThat(outbox.pending(10)).extracting(Pending::event).containsExactlyElementsOf(events.subList(0, 3));
    }

    private List<DomainEvent> events(int count) {
        var session = sessionId();
        var owner = userId();
        return IntStream.range(0, count).mapToObj(i -> event(session, owner, clock.now(), "s" + i)).toList();
    }
}
