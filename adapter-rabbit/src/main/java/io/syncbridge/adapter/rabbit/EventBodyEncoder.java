package io.syncbridge.adapter.rabbit;

import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.port.out.codec.EventJson;
import java.nio.charset.StandardCharsets;

/** Turns a domain event into the body of its message. */
@FunctionalInterface
public interface EventBodyEncoder {

    byte[] encode(DomainEvent event);

    /** The shared JSON form of events ({@link EventJson}), as UTF-8: the published payload. */
    static EventBodyEncoder json() {
        return event -> EventJson.eventText(event).getBytes(StandardCharsets.UTF_8);
    }
}
