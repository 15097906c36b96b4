package io.syncbridge.port.out;

import io.syncbridge.domain.event.DomainEvent;

/**
 * Driven port: hands domain events to the outside world. It must return quickly and must not
 * fail the caller's use case: implementations record the event (an outbox) and deliver later.
 */
@FunctionalInterface
public interface EventPublisher {

    void publish(DomainEvent event);
}
