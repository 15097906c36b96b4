package io.syncbridge.adapter.rabbit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.time.Clock;
import io.syncbridge.inmemory.InMemoryEventOutbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RabbitEventPublisherTest {

    private final InMemoryEventOutbox outbox = new InMemoryEventOutbox(Clock.system(), 1);
    // Never started: the publisher must not need the broker at all.
    private final OutboxRelay relay = new OutboxRelay(RabbitConfig.defaults("amqp://guest:guest@127.0.0.1:1/"), outbox,
            Clock.system());
    private final RabbitEventPublisher publisher = new RabbitEventPublisher(outbox, relay);

    @AfterEach
    void closeRelay() {
        relay.close();
    }

    @Test
    void recordsTheEventInTheOutboxOnly() {
        DomainEvent event = SampleEvents.stateChange(new SessionId("s-1"), 1);

        publisher.publish(event);

        assertThat(outbox.pending(10)).extracting(pending -> pending.event()).containsExactly(event);
        assertThat(relay.counters().published()).isZero();
    }

    @Test
    void doesNotFailTheCallerWhenTheOutboxRefusesAndCountsTheLoss() {
        publisher.publish(SampleEvents.stateChange(new SessionId("s-1"), 1));
        DomainEvent refused = SampleEvents.stateChange(new SessionId("s-1"), 2);

        // The outbox holds one event and it is not published yet: the next append is refused.
        assertThatCode(() -> publisher.publish(refused)).doesNotThrowAnyException();
        assertThat(relay.counters().appendFailed()).isEqualTo(1);
        assertThat(outbox.depth().count()).isEqualTo(1);
    }

    @Test
    void reportsTheBrokerDownWhileTheRelayIsNotRunning() {
        assertThat(relay.health().up()).isFalse();
        assertThat(relay.health().critical()).isFalse();
    }
}
