package io.syncbridge.inmemory;

import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.port.out.EventPublisher;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Event publisher adapter used when no broker is configured: keeps the last {@code capacity}
 * events in a ring, for tests and the console. Publishing never fails; the oldest event makes
 * room for the newest.
 */
public final class InMemoryEventLog implements EventPublisher {

    public static final int DEFAULT_CAPACITY = 1_000;

    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<DomainEvent> events;
    private final int capacity;
    private long published;

    public InMemoryEventLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
        this.events = new ArrayDeque<>(Math.min(capacity, 1_024));
    }

    public InMemoryEventLog() {
        this(DEFAULT_CAPACITY);
    }

    @Override
    public void publish(DomainEvent event) {
        Objects.requireNonNull(event, "event");
        lock.lock();
        try {
            if (events.size() == capacity) {
                events.removeFirst();
            }
            events.addLast(event);
            published++;
        } finally {
            lock.unlock();
        }
    }

    /** The events kept, oldest first. */
    public List<DomainEvent> recent() {
        lock.lock();
        try {
            return List.copyOf(events);
        } finally {
            lock.unlock();
        }
    }

    /** How many events were published since this log was made, dropped ones included. */
    public long published() {
        lock.lock();
        try {
            return published;
        } finally {
            lock.unlock();
        }
    }
}
