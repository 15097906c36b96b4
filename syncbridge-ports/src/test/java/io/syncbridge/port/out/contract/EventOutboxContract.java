package io.syncbridge.port.out.contract;

import static io.syncbridge.port.out.contract.Fixtures.event;
import static io.syncbridge.port.out.contract.Fixtures.oneOfEachEvent;
import static io.syncbridge.port.out.contract.Fixtures.sessionId;
import static io.syncbridge.port.out.contract.Fixtures.userId;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.UserId;
import io.syncbridge.port.out.EventOutbox;
import io.syncbridge.port.out.EventOutbox.Depth;
import io.syncbridge.port.out.EventOutbox.Pending;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@link EventOutbox}. Every event outbox adapter subclasses it.
 *
 * <p>What the contract decides where the port's Javadoc leaves room:
 * <ul>
 *   <li>{@code recordedAt} is the injected clock's time at {@code append}; {@code attempts} counts
 *       {@code markFailed} calls on the event; events of every type come back whole.</li>
 *   <li>{@code pending} gives the unpublished events in append order, failed ones included (the
 *       relay decides about backoff); a published event never comes back.</li>
 *   <li>Appending an event id that is already in the outbox changes nothing.</li>
 *   <li>Unknown ids given to {@code markPublished} / {@code markFailed} are ignored.</li>
 *   <li>{@code depth} counts the unpublished events, with the {@code recordedAt} of the oldest
 *       (null when none).</li>
 * </ul>
 * An adapter may bound what it holds (the in-memory one does), but never by dropping an
 * unpublished event.
 *
 * <p>{@link #create} is called before each test and must give an outbox over empty data.
 */
public abstract class EventOutboxContract {

    protected final MutableClock clock = new MutableClock();
    private EventOutbox outbox;

    /** An outbox over empty data that stamps {@code recordedAt} from {@code clock}. */
    protected abstract EventOutbox create(MutableClock clock);

    /** Called after each test: release or empty what {@link #create} made. */
    protected void cleanUp() throws Exception {
    }

    @BeforeEach
    final void createOutbox() {
        outbox = create(clock);
    }

    @AfterEach
    final void cleanUpOutbox() throws Exception {
        cleanUp();
    }

    protected final EventOutbox outbox() {
        return outbox;
    }

    @Test
    void appendedEventsOfEveryKindArePendingWholeInAppendOrder() {
        List<DomainEvent> events = oneOfEachEvent(sessionId(), userId(), clock.now());
        List<Pending> expected = new ArrayList<>();
        for (DomainEvent event : events) {
            outbox.append(event);
            expected.add(new Pending(event, clock.now(), 0));
            clock.advance(Duration.ofMillis(250));
        }

        assertThat(outbox.pending(100)).containsExactlyElementsOf(expected);
    }

    @Test
    void pendingGivesTheOldestUpToTheLimit() {
        List<DomainEvent> events = appendEvents(5);

        assertThat(outbox.pending(3)).extracting(Pending::event).containsExactlyElementsOf(events.subList(0, 3));
        assertThat(outbox.pending(0)).isEmpty();
    }

    @Test
    void pendingAfterReadsOnFromTheGivenEventWhetherItIsPublishedOrNot() {
        List<DomainEvent> events = appendEvents(5);
        outbox.markPublished(List.of(events.get(1).eventId(), events.get(3).eventId()), clock.now());

        assertThat(outbox.pendingAfter(events.get(0).eventId(), 10)).extracting(Pending::event)
                .containsExactly(events.get(2), events.get(4));
        assertThat(outbox.pendingAfter(events.get(1).eventId(), 1)).extracting(Pending::event)
                .containsExactly(events.get(2));
        assertThat(outbox.pendingAfter(events.get(4).eventId(), 10)).isEmpty();
    }

    @Test
    void pendingAfterAnEventNoLongerHeldReadsFromTheHead() {
        List<DomainEvent> events = appendEvents(3);

        assertThat(outbox.pendingAfter("no-such-event", 10)).extracting(Pending::event)
                .containsExactlyElementsOf(events);
        assertThat(outbox.pendingAfter("no-such-event", 0)).isEmpty();
    }

    @Test
    void publishedEventsAreNoLongerPending() {
        List<DomainEvent> events = appendEvents(4);

        outbox.markPublished(List.of(events.get(0).eventId(), events.get(2).eventId()), clock.now());

        assertThat(outbox.pending(10)).extracting(Pending::event).containsExactly(events.get(1), events.get(3));
        outbox.markPublished(List.of(events.get(1).eventId(), events.get(3).eventId()), clock.now());
        assertThat(outbox.pending(10)).isEmpty();
    }

    @Test
    void failedAttemptsAreCountedAndTheEventStaysInPlace() {
        List<DomainEvent> events = appendEvents(3);

        outbox.markFailed(List.of(events.get(0).eventId(), events.get(1).eventId()), clock.now());
        outbox.markFailed(List.of(events.get(0).eventId()), clock.now().plusSeconds(1));

        assertThat(outbox.pending(10)).extracting(Pending::event).containsExactlyElementsOf(events);
        assertThat(outbox.pending(10)).extracting(Pending::attempts).containsExactly(2, 1, 0);
    }

    @Test
    void appendingAnEventIdAgainChangesNothing() {
        DomainEvent event = event(sessionId(), userId(), clock.now(), "active");
        outbox.append(event);
        Instant first = clock.now();
        clock.advance(Duration.ofSeconds(5));

        outbox.append(event);

        assertThat(outbox.pending(10)).containsExactly(new Pending(event, first, 0));
        assertThat(outbox.depth().count()).isEqualTo(1);
    }

    @Test
    void unknownIdsAreIgnored() {
        List<DomainEvent> events = appendEvents(1);

        outbox.markPublished(List.of("no-such-event"), clock.now());
        outbox.markFailed(List.of("no-such-event"), clock.now());

        assertThat(outbox.pending(10)).containsExactly(new Pending(events.getFirst(), MutableClock.START, 0));
    }

    @Test
    void depthCountsUnpublishedEventsAndTheOldest() {
        assertThat(outbox.depth()).isEqualTo(new Depth(0, null));
        List<DomainEvent> events = appendEvents(3);

        assertThat(outbox.depth()).isEqualTo(new Depth(3, MutableClock.START));

        outbox.markPublished(List.of(events.get(0).eventId()), clock.now());
        assertThat(outbox.depth()).isEqualTo(new Depth(2, MutableClock.START.plusSeconds(1)));

        outbox.markPublished(List.of(events.get(1).eventId(), events.get(2).eventId()), clock.now());
        assertThat(outbox.depth()).isEqualTo(new Depth(0, null));
    }

    @Test
    void racingAppendsAreAllPendingOnce() {
        SessionId session = sessionId();
        UserId owner = userId();

        List<List<DomainEvent>> appended = Concurrently.run(4, () -> {
            List<DomainEvent> mine = IntStream.range(0, 25).mapToObj(i -> event(session, owner, clock.now(), "active"))
                    .toList();
            mine.forEach(outbox::append);
            return mine;
        });

        List<DomainEvent> pending = outbox.pending(1_000).stream().map(Pending::event).toList();
        assertThat(pending).containsExactlyInAnyOrderElementsOf(appended.stream().flatMap(List::stream).toList());
        for (List<DomainEvent> oneThread : appended) {
            assertThat(pending.stream().filter(oneThread::contains).toList())
                    .as("one appender's events keep its order").containsExactlyElementsOf(oneThread);
        }
        assertThat(outbox.depth().count()).isEqualTo(100);
    }

    /** Appends {@code count} events, one second apart from the suite's start. */
    private List<DomainEvent> appendEvents(int count) {
        SessionId session = sessionId();
        UserId owner = userId();
        List<DomainEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            DomainEvent event = event(session, owner, clock.now(), "status-" + i);
            outbox.append(event);
            events.add(event);
            clock.advance(Duration.ofSeconds(1));
        }
        return events;
    }
}
