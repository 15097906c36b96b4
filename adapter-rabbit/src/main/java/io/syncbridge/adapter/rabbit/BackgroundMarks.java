package io.syncbridge.adapter.rabbit;

import io.syncbridge.domain.time.Clock;
import io.syncbridge.port.out.EventOutbox;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marks confirmed events published in the outbox on a thread of its own, in the order handed
 * over, so that the relay sends the next batch meanwhile. At most {@link #WAITING} marks wait; the
 * relay waits for all of them before it reads from the outbox's head again. A mark that fails is
 * logged and counted: those events stay pending and are sent again, with their message ids.
 */
final class BackgroundMarks implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BackgroundMarks.class);
    static final int WAITING = 4;

    private final EventOutbox outbox;
    private final Clock clock;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("syncbridge-outbox-marker").factory());
    private final LongAdder failed = new LongAdder();
    // Touched by the relay thread only.
    private final ArrayDeque<CompletableFuture<Void>> waiting = new ArrayDeque<>();

    BackgroundMarks(EventOutbox outbox, Clock clock) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Hands the events over to be marked; waits first while {@link #WAITING} marks are still being written. */
    void mark(List<String> eventIds) {
        if (eventIds.isEmpty()) {
            return;
        }
        waiting.removeIf(CompletableFuture::isDone);
        while (waiting.size() >= WAITING) {
            waiting.removeFirst().join();
        }
        waiting.addLast(CompletableFuture.runAsync(() -> write(eventIds), writer));
    }

    /** Waits until every mark handed over so far is written (or has failed and been logged). */
    void awaitAll() {
        while (!waiting.isEmpty()) {
            waiting.removeFirst().join();
        }
    }

    long failures() {
        return failed.sum();
    }

    @Override
    public void close() {
        awaitAll();
        writer.shutdown();
        try {
            if (!writer.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("The outbox marker did not stop in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void write(List<String> eventIds) {
        try {
            outbox.markPublished(eventIds, clock.now());
        } catch (RuntimeException e) {
            failed.increment();
            log.warn("Could not mark {} confirmed events published; they are sent again, with their message ids: {}",
                    eventIds.size(), e.toString());
        }
    }
}
