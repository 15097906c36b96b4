package io.syncbridge.adapter.rabbit;

import io.syncbridge.domain.event.DomainEvent;

/** Turns a domain event into the JSON body of its message (UTF-8). */
@FunctionalInterface
public interface EventBodyEncoder {

    byte[] encode(DomainEvent event);
}
