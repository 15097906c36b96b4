package io.syncbridge.adapter.rabbit;

import com.rabbitmq.client.AMQP;
import io.syncbridge.domain.event.DomainEvent;
import java.util.Date;
import java.util.Map;

/** The AMQP envelope of a domain event: routing key, message id, type, timestamp and headers. */
final class EventMessages {

    static final String CONTENT_TYPE = "application/json";
    static final String CONTENT_ENCODING = "utf-8";
    static final String APP_ID = "syncbridge";
    static final int PERSISTENT = 2;

    /** Headers for consumers that route or filter without reading the body. */
    static final String HEADER_EVENT_TYPE = "event-type";
    static final String HEADER_SESSION_ID = "session-id";
    static final String HEADER_OCCURRED_AT = "occurred-at";

    private EventMessages() {
    }

    /** The routing key is the event's stable dotted name, e.g. {@code state.changed}. */
    static String routingKey(DomainEvent event) {
        return event.name();
    }

    static AMQP.BasicProperties propertiesFor(DomainEvent event) {
        return new AMQP.BasicProperties.Builder()
                .deliveryMode(PERSISTENT)
                .contentType(CONTENT_TYPE)
                .contentEncoding(CONTENT_ENCODING)
                .messageId(event.eventId())
                .type(event.name())
                .appId(APP_ID)
                // AMQP timestamps have whole seconds; the exact instant is in the header and the body.
                .timestamp(Date.from(event.occurredAt()))
                .headers(Map.of(
                        HEADER_EVENT_TYPE, event.name(),
                        HEADER_SESSION_ID, event.sessionId().clientId(),
                        HEADER_OCCURRED_AT, event.occurredAt().toString()))
                .build();
    }
}
