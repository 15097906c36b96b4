package io.syncbridge.app.rabbit;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.adapter.rabbit.RefusableTcpProxy;
import io.syncbridge.adapter.rabbit.TestBroker;
import io.syncbridge.app.TestSchema;
import io.syncbridge.app.TestServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker unreachable (a TCP proxy in front of it, cut) for {@link #OUTAGE} under load, with the
 * PostgreSQL outbox: the backlog is delivered after it, every event, in order per session, a copy
 * only with the same message id. The test logs how soon the first event arrived after the broker's
 * return and the drain rate (the numbers in docs/events.md); it asserts no timing. The outage
 * lasts 30 s, as the durability issue asks.
 */
class BrokerBacklogDrainIT {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerBacklogDrainIT.class);
    private static final Duration OUTAGE = Duration.ofSeconds(30);
    private static final int WRITERS = 4;

    @Test
    void drainsTheBacklogInOrderPerSessionWhenTheBrokerReturns() throws Exception {
        try (EventQueue events = new EventQueue(); TestSchema schema = new TestSchema(); TestBroker consumer = new TestBroker();
             RefusableTcpProxy proxy = RefusableTcpProxy.refusingInFrontOf(TestBroker.HOST, TestBroker.PORT)) {
            proxy.open();
            Map<String, String> env = new HashMap<>(Map.of(
                    "RABBITMQ_URL", "amqp://guest:guest@127.0.0.1:" + proxy.port() + "/",
                    "RABBITMQ_EXCHANGE", events.exchange));
            env.putAll(schema.env());
            try (TestServer server = TestServer.startUnlimited(env)) {
                EventLoad load = new EventLoad();
                load.consume(consumer.channel(), consumer.queueForAllEventsOf(events.exchange));
                String user = "user-" + UUID.randomUUID();
                List<String> sessions = new java.util.ArrayList<>();
                for (int i = 0; i < WRITERS; i++) {
                    sessions.add(server.createSession(server.userToken(user), Map.of("name", "Drain", "type", "custom")));
                }
                TestBroker.await("the sessions' first events relayed", () -> server.outboxDepth() == 0);

                proxy.cut();
                for (String session : sessions) {
                    load.startWriter(server.join(user, session, "writer", 2), session, 200);
                }
                Thread.sleep(OUTAGE.toMillis());
                load.stopWriters();
                long backlog = load.acknowledgedCount();
                assertThat(load.received()).as("nothing delivered during the outage").isEmpty();

                long openedAt = System.nanoTime();
                proxy.open();
                EventLoad.await("the backlog at the broker", () -> load.distinctReceived() >= backlog);
                List<EventLoad.Received> received = load.received();
                long firstAt = received.stream().mapToLong(EventLoad.Received::atNanos).min().orElseThrow();
                long lastAt = received.stream().mapToLong(EventLoad.Received::atNanos).max().orElseThrow();
                double seconds = Math.max(1, lastAt - firstAt) / 1e9;
                LOG.info("Broker back after {} s: first event {} ms after its return, {} events drained in {} ms "
                                + "({} events/s)", OUTAGE.toSeconds(), (firstAt - openedAt) / 1_000_000, backlog,
                        (lastAt - firstAt) / 1_000_000, Math.round(backlog / seconds));
                load.assertEveryAcknowledgedChangeArrivedOnceByIdInOrder();
                TestBroker.await("an empty outbox", () -> server.outboxDepth() == 0);
            }
        }
    }
}
