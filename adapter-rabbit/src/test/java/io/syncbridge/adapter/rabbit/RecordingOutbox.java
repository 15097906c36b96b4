package io.syncbridge.adapter.rabbit;

import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.domain.time.Clock;
import io.syncbridge.inmemory.InMemoryEventOutbox;
import io.syncbridge.port.out.EventOutbox;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Test outbox: the in-memory outbox, recording which events were marked failed and published, for assertions. */
final class RecordingOutbox implements EventOutbox {

    private final EventOutbox outbox;
    private final Map<String, Integer> failedAttempts = new ConcurrentHashMap<>();
    private final List<String> publishedIds = new ArrayList<>();

    RecordingOutbox(int capacity) {
        this.outbox = new InMemoryEventOutbox(Clock.system(), capacity);
    }

    @Override
    public void append(DomainEvent event) {
        outbox.append(event);
    }

    @Override
    public List<Pending> pending(int limit) {
        return outbox.pending(limit);
    }

    @Override
    public List<Pending> pendingAfter(String eventId, int limit) {
        return outbox.pendingAfter(eventId, limit);
    }

    @Override
    public void markPublished(List<String> eventIds, Instant at) {
        synchronized (publishedIds) {
            publishedIds.addAll(eventIds);
        }
        outbox.markPublished(eventIds, at);
    }

    @Override
    public void markFailed(List<String> eventIds, Instant at) {
        eventIds.forEach(id -> failedAttempts.merge(id, 1, Integer::sum));
        outbox.markFailed(eventIds, at);
    }

    @Override
    public Depth depth() {
        return outbox.depth();
    }

    int failedAttempts(String eventId) {
        return failedAttempts.getOrDefault(eventId, 0);
    }

    List<String> publishedIds() {
        synchronized (publishedIds) {
            return List.copyOf(publishedIds);
        }
    }
}
