package io.syncbridge.inmemory;

import io.syncbridge.domain.error.SyncError;
import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.domain.time.Clock;
import io.syncbridge.port.out.EventOutbox;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Event outbox adapter: recorded events in memory, in append order, bounded by a capacity. When
 * full, the oldest published entries make room first; when every entry still waits to be
 * published, {@code append} refuses with {@code SyncError.DependencyDown("outbox", ...)}: an
 * unpublished event is never dropped silently. Appending an event id that is already held changes
 * nothing.
 */
public final class InMemoryEventOutbox implements EventOutbox {

    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();
    private final Clock clock;
    private final int capacity;
    private long pendingCount;

    public InMemoryEventOutbox(Clock clock, int capacity) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
    }

    @Override
    public void append(DomainEvent event) {
        Objects.requireNonNull(event, "event");
        lock.lock();
        try {
            if (entries.containsKey(event.eventId())) {
                return;
            }
            if (entries.size() >= capacity && !dropOldestPublished()) {
                throw new SyncError.DependencyDown("outbox", "all " + capacity
                        + " places hold events not yet published; refusing " + event.name() + " " + event.eventId(),
                        null);
            }
            entries.put(event.eventId(), new Entry(event, clock.now()));
            pendingCount++;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Pending> pending(int limit) {
        return pendingAfter(null, limit);
    }

    /** A scan from the head: the outbox is bounded by its capacity, and the relay calls this once per batch. */
    @Override
    public List<Pending> pendingAfter(String eventId, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
        lock.lock();
        try {
            boolean afterIt = eventId == null || !entries.containsKey(eventId);
            List<Pending> pending = new ArrayList<>(Math.min(limit, entries.size()));
            for (Entry entry : entries.values()) {
                if (pending.size() >= limit) {
                    break;
                }
                if (!afterIt) {
                    afterIt = entry.event.eventId().equals(eventId);
                } else if (entry.publishedAt == null) {
                    pending.add(new Pending(entry.event, entry.recordedAt, entry.attempts));
                }
            }
            return List.copyOf(pending);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void markPublished(List<String> eventIds, Instant at) {
        Objects.requireNonNull(at, "at");
        lock.lock();
        try {
            for (String id : eventIds) {
                Entry entry = entries.get(id);
                if (entry != null && entry.publishedAt == null) {
                    entry.publishedAt = at;
                    pendingCount--;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void markFailed(List<String> eventIds, Instant at) {
        Objects.requireNonNull(at, "at");
        lock.lock();
        try {
            for (String id : eventIds) {
                Entry entry = entries.get(id);
                if (entry != null && entry.publishedAt == null) {
                    entry.attempts++;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Depth depth() {
        lock.lock();
        try {
            Instant oldest = null;
            for (Entry entry : entries.values()) {
                if (entry.publishedAt == null) {
                    oldest = entry.recordedAt;
                    break;
                }
            }
            return new Depth(pendingCount, oldest);
        } finally {
            lock.unlock();
        }
    }

    /** How many entries are held, published ones included. */
    public int size() {
        lock.lock();
        try {
            return entries.size();
        } finally {
            lock.unlock();
        }
    }

    private boolean dropOldestPublished() {
        Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
        while (it.hasNext()) {
            if (it.next().getValue().publishedAt != null) {
                it.remove();
                return true;
            }
        }
        return false;
    }

    /** One recorded event and what became of it; guarded by the outbox's lock. */
    private static final class Entry {
        final DomainEvent event;
        final Instant recordedAt;
        int attempts;
        Instant publishedAt;

        Entry(DomainEvent event, Instant recordedAt) {
            this.event = event;
            this.recordedAt = recordedAt;
        }
    }
}
