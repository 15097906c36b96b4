package io.syncbridge.port.out.contract;

import io.syncbridge.domain.event.DomainEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A change feed listener that keeps what it receives, so that a test can wait (bounded) for
 * events delivered synchronously or from another thread alike.
 */
public final class EventRecorder implements Consumer<DomainEvent> {

    /** How long to wait for an event that should come; only a failing test waits this long. */
    public static final long TIMEOUT_MILLIS = 10_000;

    private final LinkedBlockingQueue<DomainEvent> received = new LinkedBlockingQueue<>();

    @Override
    public void accept(DomainEvent event) {
        received.add(event);
    }

    /** The next {@code count} events, in the order received; fails if they do not all come in time. */
    public List<DomainEvent> next(int count) {
        List<DomainEvent> events = new ArrayList<>(count);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MILLIS);
        try {
            while (events.size() < count) {
                DomainEvent event = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (event == null) {
                    throw new AssertionError("expected " + count + " events within " + TIMEOUT_MILLIS
                            + " ms but received " + events.size() + ": " + names(events));
                }
                events.add(event);
            }
            return events;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for events", e);
        }
    }

    /** The next event. */
    public DomainEvent next() {
        return next(1).getFirst();
    }

    /** The events received and not yet taken, without waiting. */
    public List<DomainEvent> drained() {
        List<DomainEvent> events = new ArrayList<>();
        received.drainTo(events);
        return events;
    }

    private static List<String> names(List<DomainEvent> events) {
        return events.stream().map(e -> e.name() + " " + e.eventId()).toList();
    }
}
