package io.syncbridge.port.out;

import io.syncbridge.domain.event.DomainEvent;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Driven port: events recorded before they are published, so that a broker outage delays them
 * and loses none. A relay reads the pending ones in order, publishes, and marks them.
 */
public interface EventOutbox {

    void append(DomainEvent event);

    /** The oldest unpublished events, in the order they were appended. */
    List<Pending> pending(int limit);

    /**
     * The oldest unpublished events appended after the event {@code eventId} (published or not),
     * in append order: a relay with events in flight reads on from the last one it sent instead of
     * from the head. When that event is no longer held, from the head, as {@link #pending(int)}.
     */
    List<Pending> pendingAfter(String eventId, int limit);

    void markPublished(List<String> eventIds, Instant at);

    /** Notes a failed attempt, for the backoff and the metrics. */
    void markFailed(List<String> eventIds, Instant at);

    /** How many are waiting, and since when the oldest (null when none). */
    Depth depth();

    record Pending(DomainEvent event, Instant recordedAt, int attempts) {
        public Pending {
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(recordedAt, "recordedAt");
        }
    }

    record Depth(long count, Instant oldest) {
    }
}
