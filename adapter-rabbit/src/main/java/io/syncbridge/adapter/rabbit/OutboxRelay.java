package io.syncbridge.adapter.rabbit;

import com.rabbitmq.client.Channel;
import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.domain.time.Clock;
import io.syncbridge.port.out.EventOutbox;
import io.syncbridge.port.out.EventOutbox.Pending;
import io.syncbridge.port.out.RelayLeadership;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background relay from the outbox to the event exchange: one daemon thread reads the pending
 * events in order, publishes them with publisher confirms, marks them published once confirmed,
 * and after a failure marks them failed and retries with capped exponential backoff. A broker that
 * is down (at start or later) only delays events; per session they leave in outbox order. An
 * outbox shared by several processes ({@link RelayLeadership}) is relayed by one of them at a time:
 * the others stand by, connected to the broker, and take over when the role is free.
 */
public final class OutboxRelay implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(2);
    /** How long an event rests in the outbox before it is relayed; see {@link #settled}. */
    static final Duration SETTLE = Duration.ofMillis(250);
    /** How many batches may wait for their confirms at once: enough to keep a backlog's broker busy. */
    static final int FLIGHTS = 3;

    private final RabbitConfig config;
    private final EventOutbox outbox;
    private final EventBodyEncoder encoder;
    private final Clock clock;
    private final Backoff backoff;
    private final RabbitConnection connection;

    private final LongAdder published = new LongAdder();
    private final LongAdder confirmed = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder appendFailed = new LongAdder();

    private final Object lifecycle = new Object();
    private volatile Thread thread;
    private volatile boolean running;
    private boolean closed;

    // Touched by the relay thread only.
    private final RelayChannels channels;
    private final BackgroundMarks marks;
    private final ArrayDeque<Flight> inFlight = new ArrayDeque<>();
    /** The last event of the last batch sent in this streak; the next batch is read after it (null: from the head). */
    private String readAfter;
    private List<Pending> unencodable = List.of();
    private RuntimeException encodingFailure;
    private int consecutiveFailures;
    private Boolean leading;

    /** A relay that publishes the shared JSON form of events. */
    public OutboxRelay(RabbitConfig config, EventOutbox outbox, Clock clock) {
        this(config, outbox, EventBodyEncoder.json(), clock);
    }

    public OutboxRelay(RabbitConfig config, EventOutbox outbox, EventBodyEncoder encoder, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.backoff = new Backoff(config.minBackoff(), config.maxBackoff());
        this.connection = new RabbitConnection(config);
        this.channels = new RelayChannels(config, connection);
        this.marks = new BackgroundMarks(outbox, clock);
    }

    /** Starts the relay thread; it connects by itself, also when the broker comes up later. */
    public void start() {
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("the outbox relay was closed");
            }
            if (thread != null) {
                return;
            }
            running = true;
            Thread relay = Thread.ofPlatform().daemon().name("syncbridge-outbox-relay").unstarted(this::run);
            relay.setUncaughtExceptionHandler((t, e) -> log.error("The outbox relay stopped on an unexpected error", e));
            thread = relay;
            relay.start();
        }
        log.info("Outbox relay started for {}", config);
    }

    /** Wakes the relay to look at the outbox now; cheap, callable from any thread, ignored during a backoff. */
    public void nudge() {
        Thread relay = thread;
        if (relay != null) {
            LockSupport.unpark(relay);
        }
    }

    public RelayCounters counters() {
        return new RelayCounters(published.sum(), confirmed.sum(), failed.sum(), appendFailed.sum());
    }

    /** Up while the connection to the broker is open. */
    public BrokerHealth health() {
        if (!running) {
            return new BrokerHealth(false, config.redactedUrl() + ": relay not running");
        }
        if (connection.isOpen()) {
            return new BrokerHealth(true, config.redactedUrl());
        }
        return new BrokerHealth(false, config.redactedUrl() + ": " + connection.lastProblem());
    }

    /** Counts an event the publisher could not record in the outbox. */
    void appendFailed() {
        appendFailed.increment();
    }

    /** Stops the relay thread (letting a wave in flight finish its confirm) and closes the connection. */
    @Override
    public void close() {
        Thread relay;
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            running = false;
            relay = thread;
        }
        if (relay != null) {
            LockSupport.unpark(relay);
            awaitStop(relay);
        }
        marks.close();
        if (outbox instanceof RelayLeadership leadership) {
            try {
                leadership.resignLeadership();
            } catch (RuntimeException e) {
                log.warn("Giving up the outbox relay role failed: {}", e.toString());
            }
        }
        connection.close();
        log.info("Outbox relay stopped; {}", counters());
    }

    private void awaitStop(Thread relay) {
        try {
            if (!relay.join(config.confirmTimeout().plus(STOP_GRACE))) {
                log.warn("The outbox relay did not stop in time; interrupting it");
                relay.interrupt();
                relay.join(STOP_GRACE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (running && !Thread.currentThread().isInterrupted()) {
            boolean moreWaiting = false;
            try {
                moreWaiting = relayOnce();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // The outbox itself failed (e.g. its database is down): nothing more was marked, retry later.
                noteFailure("outbox unavailable", e);
            }
            if (consecutiveFailures > 0) {
                pause(backoff.after(consecutiveFailures));
            } else if (!moreWaiting) {
                LockSupport.parkNanos(this, config.pollInterval().toNanos());
            }
        }
        settleFlightsBeforeStop();
        channels.closeAll();
    }

    /**
     * One step: sends batches while fewer than {@link #FLIGHTS} wait for their confirms, then waits
     * for the oldest and marks every confirmed batch published. Reading, encoding and publishing the
     * next batch and marking the last one happen while the broker works on those in flight, so that
     * a backlog keeps the broker busy. True when more may be waiting.
     */
    private boolean relayOnce() throws InterruptedException {
        boolean relaying = leading();
        Channel publishing;
        try {
            // Also on standby: the connection stays open, so health tells about the broker, not the role.
            publishing = channels.publishing();
        } catch (IOException | RuntimeException e) {
            // Counted as a failed attempt of the events at the head too, for the backoff and the metrics.
            List<Pending> head = relaying && inFlight.isEmpty()
                    ? settled(outbox.pending(config.batchSize()), clock.now()) : List.of();
            abandonFlights(head, "broker unreachable", e);
            return false;
        }
        boolean fullBatchesWaiting = false;
        try {
            fullBatchesWaiting = relaying && sendWhileRoom(publishing);
        } catch (RuntimeException e) {
            // The outbox failed (e.g. its database is down): what is in flight is sent again later, by id.
            endStreak();
            throw e;
        }
        if (inFlight.isEmpty()) {
            return finishStreak() && fullBatchesWaiting;
        }
        PublishConfirms confirms = channels.confirms();
        try {
            confirms.awaitThrough(inFlight.getFirst().lastDeliveryTag(), config.confirmTimeout());
        } catch (IOException | TimeoutException e) {
            abandonFlights(List.of(), "publish not confirmed", e);
            return false;
        }
        // A confirmed batch ends a backoff at once: during a drain the flights never run empty.
        deliveryWorks();
        List<Pending> confirmedEvents = new ArrayList<>();
        while (!inFlight.isEmpty() && confirms.confirmedThrough(inFlight.getFirst().lastDeliveryTag())) {
            confirmedEvents.addAll(inFlight.removeFirst().events());
        }
        marks.mark(eventIds(confirmedEvents));
        confirmed.add(confirmedEvents.size());
        return inFlight.isEmpty() ? finishStreak() : true;
    }

    /**
     * Reads and publishes batches while there is room in flight. True when the last read gave a
     * whole settled batch, so more may be waiting; false when the outbox is drained for now, an
     * event could not be encoded, or publishing failed.
     */
    private boolean sendWhileRoom(Channel publishing) {
        while (running && inFlight.size() < FLIGHTS && unencodable.isEmpty()) {
            List<Pending> fetched = readAfter == null ? outbox.pending(config.batchSize())
                    : outbox.pendingAfter(readAfter, config.batchSize());
            List<Pending> batch = settled(fetched, clock.now());
            if (batch.isEmpty() || !send(publishing, batch)) {
                return false;
            }
            if (batch.size() < fetched.size() || fetched.size() < config.batchSize()) {
                return false;
            }
        }
        return running && unencodable.isEmpty();
    }

    /**
     * Publishes a batch wave after wave ({@link PublishWaves}) on one channel without waiting (the
     * broker keeps a channel's order), and puts it in flight. A wave that cannot be encoded stops
     * the batch there (a later event of its sessions must not overtake it): the waves before it
     * still go out, and it is marked failed once they are confirmed. False when publishing failed.
     */
    private boolean send(Channel publishing, List<Pending> batch) {
        PublishConfirms confirms = channels.confirms();
        List<Pending> sent = new ArrayList<>(batch.size());
        for (List<Pending> wave : PublishWaves.of(batch)) {
            List<byte[]> bodies;
            try {
                // The whole wave first, so that an encoding failure publishes nothing of it.
                bodies = wave.stream().map(pending -> encoder.encode(pending.event())).toList();
            } catch (RuntimeException e) {
                unencodable = wave;
                encodingFailure = e;
                break;
            }
            try {
                publish(publishing, confirms, wave, bodies);
            } catch (IOException | RuntimeException e) {
                sent.addAll(wave);
                abandonFlights(sent, "publish failed", e);
                return false;
            }
            sent.addAll(wave);
        }
        if (!sent.isEmpty()) {
            inFlight.addLast(new Flight(sent, publishing.getNextPublishSeqNo() - 1));
        }
        if (unencodable.isEmpty()) {
            readAfter = batch.getLast().event().eventId();
        }
        return true;
    }

    /**
     * Ends a streak of batches once nothing is in flight: the next read starts at the head again
     * (picking up an event that became visible after a later one was read), and an event that
     * could not be encoded is marked failed now that everything before it is confirmed. True when
     * the relay may go on at once.
     */
    private boolean finishStreak() {
        marks.awaitAll();
        readAfter = null;
        if (unencodable.isEmpty()) {
            deliveryWorks();
            return true;
        }
        List<Pending> failedWave = unencodable;
        unencodable = List.of();
        deliveryFailed(failedWave, "event not encodable", encodingFailure);
        return false;
    }

    /**
     * After a broker failure: every event in flight, and {@code alsoFailed} (not in flight), is
     * marked failed and sent again after the backoff.
     */
    private void abandonFlights(List<Pending> alsoFailed, String what, Exception cause) {
        List<Pending> events = new ArrayList<>();
        inFlight.forEach(flight -> events.addAll(flight.events()));
        events.addAll(alsoFailed);
        endStreak();
        channels.discardPublishing();
        deliveryFailed(events, what, cause);
    }

    /** Forgets what is in flight; those events stay pending in the outbox and are read again from the head. */
    private void endStreak() {
        marks.awaitAll();
        inFlight.clear();
        readAfter = null;
        unencodable = List.of();
    }

    /** On stop: waits (up to the confirm timeout) for what is in flight and marks it, so that it is not sent twice. */
    private void settleFlightsBeforeStop() {
        if (inFlight.isEmpty()) {
            return;
        }
        try {
            channels.confirms().awaitThrough(inFlight.getLast().lastDeliveryTag(), config.confirmTimeout());
            List<Pending> events = new ArrayList<>();
            inFlight.forEach(flight -> events.addAll(flight.events()));
            marks.mark(eventIds(events));
            confirmed.add(events.size());
        } catch (IOException | TimeoutException | RuntimeException e) {
            log.warn("Stopping with {} events unconfirmed; they are sent again (same message ids) after a restart: {}",
                    inFlight.stream().mapToInt(flight -> flight.events().size()).sum(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        endStreak();
    }

    /** A batch published and not yet confirmed: its events and the delivery tag of its last message. */
    private record Flight(List<Pending> events, long lastDeliveryTag) {
    }

    /**
     * The head of the batch recorded at least {@link #SETTLE} ago. A writer records its event just
     * after its commit, so a concurrent writer's event with a lower version may still be on its way;
     * waiting this long lets it arrive and be put in order ({@link PublishWaves#inVersionOrder}).
     */
    static List<Pending> settled(List<Pending> batch, Instant now) {
        Instant cutoff = now.minus(SETTLE);
        int settled = 0;
        while (settled < batch.size() && !batch.get(settled).recordedAt().isAfter(cutoff)) {
            settled++;
        }
        return batch.subList(0, settled);
    }

    private void deliveryWorks() {
        if (consecutiveFailures > 0) {
            log.info("RabbitMQ delivery works again after {} failed attempts", consecutiveFailures);
            consecutiveFailures = 0;
        }
    }

    /** Whether this relay may publish now: always, unless the outbox is shared and another process relays it. */
    private boolean leading() {
        if (!(outbox instanceof RelayLeadership leadership)) {
            return true;
        }
        boolean now = leadership.tryLeadership();
        if (leading == null || leading != now) {
            log.info(now ? "This instance relays the shared outbox now"
                    : "Another instance relays the shared outbox; this one stands by");
            leading = now;
        }
        return now;
    }

    private void publish(Channel publishing, PublishConfirms confirms, List<Pending> wave, List<byte[]> bodies)
            throws IOException {
        String exchange = config.topology().exchange();
        for (int i = 0; i < wave.size(); i++) {
            DomainEvent event = wave.get(i).event();
            confirms.expect(publishing.getNextPublishSeqNo());
            publishing.basicPublish(exchange, EventMessages.routingKey(event), false, EventMessages.propertiesFor(event),
                    bodies.get(i));
            published.increment();
        }
    }

    private void deliveryFailed(List<Pending> events, String what, Exception cause) {
        failed.add(events.size());
        if (!events.isEmpty()) {
            try {
                outbox.markFailed(eventIds(events), clock.now());
            } catch (RuntimeException e) {
                log.warn("Could not note the failed attempt of {} events in the outbox: {}", events.size(), e.toString());
            }
        }
        noteFailure(what + " (" + events.size() + " events wait in the outbox)", cause);
    }

    private void noteFailure(String what, Exception cause) {
        consecutiveFailures++;
        if (consecutiveFailures == 1) {
            log.warn("Outbox relay: {}; retrying with backoff up to {}: {}", what, config.maxBackoff(), cause.toString());
        } else {
            log.debug("Outbox relay: {} (attempt {}): {}", what, consecutiveFailures, cause.toString());
        }
    }

    /** Sleeps through a backoff; nudges do not shorten it, closing does. */
    private void pause(Duration delay) {
        long deadline = System.nanoTime() + delay.toNanos();
        while (running && !Thread.currentThread().isInterrupted()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            LockSupport.parkNanos(this, left);
        }
    }

    private static List<String> eventIds(List<Pending> events) {
        return events.stream().map(pending -> pending.event().eventId()).toList();
    }
}
