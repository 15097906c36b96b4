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
                // The outbox itself failed (e.g. its database is down): nothing was marked, retry later.
                noteFailure("outbox unavailable", e);
            }
            if (consecutiveFailures > 0) {
                pause(backoff.after(consecutiveFailures));
            } else if (!moreWaiting) {
                LockSupport.parkNanos(this, config.pollInterval().toNanos());
            }
        }
        channels.closeAll();
    }

    /** One pass over the head of the outbox; true when a full batch went out and more may be waiting. */
    private boolean relayOnce() throws InterruptedException {
        boolean relaying = leading();
        List<Pending> fetched = relaying ? outbox.pending(config.batchSize()) : List.of();
        List<Pending> batch = settled(fetched, clock.now());
        Channel publishing;
        try {
            // Also on standby: the connection stays open, so health tells about the broker, not the role.
            publishing = channels.publishing();
        } catch (IOException | RuntimeException e) {
            deliveryFailed(batch, "broker unreachable", e);
            return false;
        }
        if (!relaying) {
            deliveryWorks();
            return false;
        }
        return publishInWaves(publishing, batch) && fetched.size() == config.batchSize()
                && batch.size() == fetched.size();
    }

    /**
     * Publishes the batch wave after wave ({@link PublishWaves}) on one channel without waiting in
     * between (the broker keeps a channel's order), then waits once for the confirms of all of them:
     * one round trip per batch, not per wave. A wave that cannot be encoded stops the batch there
     * (a later event of its sessions must not overtake it); the waves before it still go out.
     * True when the whole batch was confirmed.
     */
    private boolean publishInWaves(Channel publishing, List<Pending> batch) throws InterruptedException {
        List<Pending> sent = new ArrayList<>(batch.size());
        List<Pending> unencodable = List.of();
        RuntimeException encodingFailure = null;
        for (List<Pending> wave : PublishWaves.of(batch)) {
            if (!running) {
                break;
            }
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
                publish(publishing, wave, bodies);
            } catch (IOException | RuntimeException e) {
                sent.addAll(wave);
                deliveryFailed(sent, "publish failed", e);
                channels.discardPublishing();
                return false;
            }
            sent.addAll(wave);
        }
        if (!sent.isEmpty()) {
            try {
                publishing.waitForConfirmsOrDie(config.confirmTimeout().toMillis());
            } catch (IOException | TimeoutException | RuntimeException e) {
                deliveryFailed(sent, "publish not confirmed", e);
                channels.discardPublishing();
                return false;
            }
            outbox.markPublished(eventIds(sent), clock.now());
            confirmed.add(sent.size());
        }
        if (encodingFailure != null) {
            deliveryFailed(unencodable, "event not encodable", encodingFailure);
            return false;
        }
        deliveryWorks();
        return sent.size() == batch.size();
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

    private void publish(Channel publishing, List<Pending> wave, List<byte[]> bodies) throws IOException {
        String exchange = config.topology().exchange();
        for (int i = 0; i < wave.size(); i++) {
            DomainEvent event = wave.get(i).event();
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
