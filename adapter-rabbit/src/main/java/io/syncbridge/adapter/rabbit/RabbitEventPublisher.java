package io.syncbridge.adapter.rabbit;

import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.port.out.EventOutbox;
import io.syncbridge.port.out.EventPublisher;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Event publisher for RabbitMQ: records the event in the outbox and nudges the relay, which
 * delivers it later. It never talks to the broker, so a use case never waits for or fails on it.
 */
public final class RabbitEventPublisher implements EventPublisher {

    private static final Logger log = LoggerFactory.getLogger(RabbitEventPublisher.class);

    private final EventOutbox outbox;
    private final OutboxRelay relay;

    public RabbitEventPublisher(EventOutbox outbox, OutboxRelay relay) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.relay = Objects.requireNonNull(relay, "relay");
    }

    @Override
    public void publish(DomainEvent event) {
        Objects.requireNonNull(event, "event");
        try {
            outbox.append(event);
        } catch (RuntimeException e) {
            // The port promises not to fail the use case that already happened; the loss is logged and counted.
            relay.appendFailed();
            log.error("Could not record event {} ({}) of session {} in the outbox; it will not be published",
                    event.eventId(), event.name(), event.sessionId(), e);
            return;
        }
        relay.nudge();
    }
}
