package io.syncbridge.adapter.rabbit;

import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.port.out.EventOutbox;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test double of the outbox port: an ordered, synchronized list (until the shared in-memory outbox is merged). */
final class ListEventOutbox implements EventOutbox {

    private final Map<String, Pending> waiting = new LinkedHashMap<>();
    private final Map<String, Integer> attempts = new HashMap<>();
    private final List<String> publishedIds = new ArrayList<>();
    private boolean refuseAppends;

    @Override
    public synchronized void append(DomainEvent event) {
        if (refuseAppends) {
            throw new IllegalStateException("outbox refuses appends in this test");
        }
        waiting.put(event.eventId(), new Pending(event, Instant.now(), 0));
    }

    @Override
    public synchronized List<Pending> pending(int limit) {
        return waiting.values().stream().limit(limit).toList();
    }

    @Override
    public synchronized void markPublished(List<String> eventIds, Instant at) {
        for (String id : eventIds) {
            if (waiting.remove(id) != null) {
                publishedIds.add(id);
            }
        }
    }

    @Override
    public synchronized void markFailed(List<String> eventIds, Instant at) {
        for (String id : eventIds) {
            Pending pending = waiting.get(id);
            if (pending != null) {
                waiting.put(id, new Pending(pending.event(), pending.recordedAt(), pending.attempts() + 1));
                attempts.merge(id, 1, Integer::sum);
            }
        }
    }

    @Override
    public synchronized Depth depth() {
        return new Depth(waiting.size(), waiting.values().stream().map(Pending::recordedAt).findFirst().orElse(null));
    }

    synchronized void refuseAppends() {
        refuseAppends = true;
    }

    synchronized int failedAttempts(String eventId) {
        return attempts.getOrDefault(eventId, 0);
    }

    synchronized List<String> publishedIds() {
        return List.copyOf(publishedIds);
    }
}
