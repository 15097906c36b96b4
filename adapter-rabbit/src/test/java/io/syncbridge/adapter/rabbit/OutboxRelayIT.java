package io.syncbridge.adapter.rabbit;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.GetResponse;
import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.time.Clock;
import io.syncbridge.port.out.codec.EventJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The relay against the real broker: every event type, outages, ordering, dead-lettering. */
class OutboxRelayIT {

    private final RecordingOutbox outbox = new RecordingOutbox(1_000);
    private final List<SessionId> sessions = List.of(new SessionId("s-a"), new SessionId("s-b"), new SessionId("s-c"));
    private TestBroker broker;
    private RefusableTcpProxy proxy;
    private OutboxRelay relay;
    private RabbitEventPublisher publisher;
    private String exchange;

    @BeforeEach
    void connect() throws Exception {
        broker = new TestBroker();
        proxy = RefusableTcpProxy.refusingInFrontOf(TestBroker.HOST, TestBroker.PORT);
        exchange = TestBroker.uniqueName("events");
    }

    @AfterEach
    void cleanUp() throws Exception {
        try {
            if (relay != null) {
                relay.close();
            }
            proxy.close();
        } finally {
            broker.close();
        }
    }

    @Test
    void publishesEveryEventTypeWithItsRoutingKeyMessageIdHeadersAndJsonBody() throws Exception {
        String queue = broker.queueForAllEventsOf(exchange);
        startRelay(config(TestBroker.URL), EventBodyEncoder.json());
        List<DomainEvent> events = SampleEvents.everyType(new SessionId("s-every"));

        events.forEach(publisher::publish);

        List<GetResponse> received = broker.readUntil(queue, read -> read.size() >= events.size());
        assertThat(received).extracting(response -> response.getEnvelope().getRoutingKey()).containsExactly(
                "session.created", "session.updated", "session.deleted", "session.expired", "session.expiring",
                "state.changed", "device.joined", "device.left", "device.evicted", "handoff.completed",
                "snapshot.created", "snapshot.restored", "conflict.detected");
        for (int i = 0; i < events.size(); i++) {
            assertIsTheMessageOf(events.get(i), received.get(i));
        }
        TestBroker.await("the outbox emptied", () -> outbox.depth().count() == 0);
        assertThat(outbox.publishedIds()).containsExactlyElementsOf(ids(events));
        assertThat(relay.counters().confirmed()).isEqualTo(events.size());
        assertThat(relay.counters().failed()).isZero();
        assertThat(relay.health().up()).isTrue();
    }

    @Test
    void deliversEventsRecordedWhileTheBrokerWasUnreachableFromTheStart() throws Exception {
        String queue = broker.queueForAllEventsOf(exchange);
        startRelay(config(proxiedUrl()), EventBodyEncoder.json());
        List<DomainEvent> events = SampleEvents.interleavedStateChanges(sessions, 10);

        events.forEach(publisher::publish);

        DomainEvent first = events.getFirst();
        TestBroker.await("a failed attempt of the first event", () -> outbox.failedAttempts(first.eventId()) >= 1);
        assertThat(outbox.depth().count()).isEqualTo(events.size());
        assertThat(outbox.depth().oldest()).isNotNull();
        assertThat(outbox.pending(1).getFirst().attempts()).isPositive();
        assertThat(relay.health().up()).isFalse();
        assertThat(broker.channel().messageCount(queue)).isZero();

        proxy.open();

        List<GetResponse> received = broker.readUntil(queue, carriesEveryIdOf(events));
        assertEveryEventArrivedInSessionOrder(received, events);
        TestBroker.await("the outbox emptied", () -> outbox.depth().count() == 0);
        assertThat(relay.health().up()).isTrue();
    }

    @Test
    void deliversEventsRecordedWhileTheConnectionWasCut() throws Exception {
        String queue = broker.queueForAllEventsOf(exchange);
        proxy.open();
        startRelay(config(proxiedUrl()), EventBodyEncoder.json());
        List<DomainEvent> before = SampleEvents.interleavedStateChanges(sessions, 5);
        before.forEach(publisher::publish);
        List<GetResponse> receivedBefore = broker.readUntil(queue, carriesEveryIdOf(before));
        // A message can be in the queue before its confirm reached the relay: cut only once all are marked.
        TestBroker.await("the outbox emptied", () -> outbox.depth().count() == 0);

        proxy.cut();
        List<DomainEvent> during = SampleEvents.interleavedStateChanges(sessions, 5);
        during.forEach(publisher::publish);
        DomainEvent first = during.getFirst();
        TestBroker.await("a failed attempt of the first event", () -> outbox.failedAttempts(first.eventId()) >= 1);
        assertThat(outbox.depth().count()).isEqualTo(during.size());
        assertThat(broker.channel().messageCount(queue)).isZero();

        proxy.open();

        List<GetResponse> receivedAfter = broker.readUntil(queue, carriesEveryIdOf(during));
        assertEveryEventArrivedInSessionOrder(concat(receivedBefore, receivedAfter), concat(before, during));
        TestBroker.await("the outbox emptied", () -> outbox.depth().count() == 0);
    }

    @Test
    void retriesAFailedWaveBeforeTheLaterEventsOfItsSession() throws Exception {
        String queue = broker.queueForAllEventsOf(exchange);
        SessionId a = sessions.get(0);
        SessionId b = sessions.get(1);
        DomainEvent a1 = SampleEvents.stateChange(a, 1);
        DomainEvent b1 = SampleEvents.stateChange(b, 1);
        DomainEvent a2 = SampleEvents.stateChange(a, 2);
        DomainEvent b2 = SampleEvents.stateChange(b, 2);
        DomainEvent a3 = SampleEvents.stateChange(a, 3);
        List.of(a1, b1, a2, b2, a3).forEach(outbox::append);
        AtomicInteger encodingFailuresLeft = new AtomicInteger(2);
        EventBodyEncoder failsOnA2Twice = event -> {
            if (event.equals(a2) && encodingFailuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("encoding failure injected by the test");
            }
            return EventBodyEncoder.json().encode(event);
        };

        startRelay(config(TestBroker.URL), failsOnA2Twice);

        List<GetResponse> received = broker.readUntil(queue, read -> read.size() >= 5);
        assertThat(received).extracting(response -> response.getProps().getMessageId())
                .containsExactlyElementsOf(ids(List.of(a1, b1, a2, b2, a3)));
        assertThat(outbox.failedAttempts(a2.eventId())).isEqualTo(2);
        assertThat(outbox.failedAttempts(b2.eventId())).isEqualTo(2);
        assertThat(outbox.failedAttempts(a3.eventId())).isZero();
        TestBroker.await("all five confirmed", () -> relay.counters().confirmed() == 5);
        assertThat(relay.counters()).isEqualTo(new RelayCounters(5, 5, 4, 0));
    }

    @Test
    void deadLettersAMessageTheExampleConsumerRejects() throws Exception {
        EventTopology topology = EventTopology.forExchange(exchange);
        broker.willDelete(topology);
        startRelay(config(TestBroker.URL).withExampleConsumer(true), EventBodyEncoder.json());
        DomainEvent poison = SampleEvents.stateChange(new SessionId("s-poison"), 1);

        publisher.publish(poison);
        // Once the broker confirmed the event, the relay has declared the example queue it was routed to.
        TestBroker.await("the event confirmed", () -> relay.counters().confirmed() == 1);
        GetResponse delivered = broker.awaitOneUnacknowledged(topology.exampleQueue());
        broker.channel().basicReject(delivered.getEnvelope().getDeliveryTag(), false);

        GetResponse dead = broker.readUntil(topology.deadLetterQueue(), read -> !read.isEmpty()).getFirst();
        assertIsTheMessageOf(poison, dead);
        @SuppressWarnings("unchecked")
        Map<String, Object> death = ((List<Map<String, Object>>) dead.getProps().getHeaders().get("x-death")).getFirst();
        assertThat(death.get("reason")).hasToString("rejected");
        assertThat(death.get("queue")).hasToString(topology.exampleQueue());
        assertThat(broker.channel().messageCount(topology.exampleQueue())).isZero();
    }

    private RabbitConfig config(String url) {
        return RabbitConfig.defaults(url).withExchange(exchange).withBatchSize(8)
                .withBackoff(Duration.ofMillis(50), Duration.ofMillis(500))
                .withRecoveryInterval(Duration.ofMillis(200))
                .withPollInterval(Duration.ofMillis(200));
    }

    private String proxiedUrl() {
        return "amqp://guest:guest@127.0.0.1:" + proxy.port() + "/%2F";
    }

    private void startRelay(RabbitConfig config, EventBodyEncoder encoder) {
        relay = new OutboxRelay(config, outbox, encoder, Clock.system());
        publisher = new RabbitEventPublisher(outbox, relay);
        relay.start();
    }

    private static void assertIsTheMessageOf(DomainEvent event, GetResponse response) {
        AMQP.BasicProperties properties = response.getProps();
        assertThat(response.getEnvelope().getRoutingKey()).isEqualTo(event.name());
        assertThat(properties.getMessageId()).isEqualTo(event.eventId());
        assertThat(properties.getType()).isEqualTo(event.name());
        assertThat(properties.getContentType()).isEqualTo("application/json");
        assertThat(properties.getDeliveryMode()).isEqualTo(2);
        assertThat(properties.getTimestamp().toInstant()).isEqualTo(event.occurredAt().truncatedTo(ChronoUnit.SECONDS));
        assertThat(properties.getHeaders().get("event-type")).hasToString(event.name());
        assertThat(properties.getHeaders().get("session-id")).hasToString(event.sessionId().value());
        String body = new String(response.getBody(), StandardCharsets.UTF_8);
        assertThat(body).isEqualTo(EventJson.eventText(event));
        assertThat(EventJson.eventFromText(body)).isEqualTo(event);
    }

    /**
     * None lost, a duplicate only as a copy of an event under its own id, and per session the
     * first arrivals in the order the events were recorded.
     */
    private static void assertEveryEventArrivedInSessionOrder(List<GetResponse> received, List<DomainEvent> sent) {
        Map<String, DomainEvent> sentById = sent.stream().collect(Collectors.toMap(DomainEvent::eventId, e -> e));
        for (GetResponse response : received) {
            String body = new String(response.getBody(), StandardCharsets.UTF_8);
            assertThat(EventJson.eventFromText(body)).isEqualTo(sentById.get(response.getProps().getMessageId()));
        }
        Set<String> firstArrivals = new LinkedHashSet<>();
        received.forEach(response -> firstArrivals.add(response.getProps().getMessageId()));
        assertThat(firstArrivals).containsExactlyInAnyOrderElementsOf(sentById.keySet());
        Map<SessionId, List<String>> arrivedPerSession = new ConcurrentHashMap<>();
        firstArrivals.forEach(id -> arrivedPerSession.computeIfAbsent(sentById.get(id).sessionId(),
                s -> new java.util.ArrayList<>()).add(id));
        Map<SessionId, List<String>> sentPerSession = sent.stream().collect(
                Collectors.groupingBy(DomainEvent::sessionId, Collectors.mapping(DomainEvent::eventId, Collectors.toList())));
        assertThat(arrivedPerSession).isEqualTo(sentPerSession);
    }

    private static Predicate<List<GetResponse>> carriesEveryIdOf(List<DomainEvent> events) {
        Set<String> wanted = Set.copyOf(ids(events));
        return read -> {
            Set<String> seen = new HashSet<>();
            read.forEach(response -> seen.add(response.getProps().getMessageId()));
            return seen.containsAll(wanted);
        };
    }

    private static List<String> ids(List<DomainEvent> events) {
        return events.stream().map(DomainEvent::eventId).toList();
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }
}
