package io.syncbridge.adapter.rabbit;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.domain.session.SessionId;
import java.util.Date;
import org.junit.jupiter.api.Test;

class EventMessagesTest {

    private final DomainEvent event = SampleEvents.stateChange(new SessionId("s-1"), 3);

    @Test
    void routesByTheEventName() {
        assertThat(EventMessages.routingKey(event)).isEqualTo("state.changed");
    }

    @Test
    void marksTheMessagePersistentJsonWithTheEventIdAsMessageId() {
        AMQP.BasicProperties properties = EventMessages.propertiesFor(event);

        assertThat(properties.getDeliveryMode()).isEqualTo(2);
        assertThat(properties.getContentType()).isEqualTo("application/json");
        assertThat(properties.getMessageId()).isEqualTo(event.eventId());
        assertThat(properties.getType()).isEqualTo("state.changed");
        assertThat(properties.getTimestamp()).isEqualTo(Date.from(SampleEvents.AT));
    }

    @Test
    void carriesTypeSessionAndTimeInHeaders() {
        assertThat(EventMessages.propertiesFor(event).getHeaders())
                .containsEntry("event-type", "state.changed")
                .containsEntry("session-id", "s-1")
                .containsEntry("occurred-at", "2025-03-01T10:15:30.123Z");
    }
}
