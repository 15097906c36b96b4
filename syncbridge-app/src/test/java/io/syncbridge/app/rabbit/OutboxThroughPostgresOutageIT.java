package io.syncbridge.app.rabbit;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.adapter.postgres.TcpProxy;
import io.syncbridge.adapter.rabbit.TestBroker;
import io.syncbridge.app.TestSchema;
import io.syncbridge.app.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL, which holds the event outbox, cut (a TCP proxy in front of it, stopped) for
 * {@link #OUTAGE} while writers keep changing sessions: every change is acknowledged meanwhile, its
 * event kept in the node's spill file, and once PostgreSQL is back every acknowledged change's event
 * reaches RabbitMQ, a duplicate only ever with the same message id, in order per session. The cut
 * lasts 20 s, as the durability issue asks.
 */
class OutboxThroughPostgresOutageIT {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxThroughPostgresOutageIT.class);
    private static final Duration OUTAGE = Duration.ofSeconds(20);
    private static final int WRITERS = 3;
    /**
     * Each writer sends 5 changes every 5 ms (3,000 changes/s in all): a 20 s cut then leaves about
     * 60,000 events to spill and deliver, which the relay clears well within the test's wait; unpaced,
     * the writers reached 18,000 changes/s and a backlog the relay takes minutes to drain.
     */
    private static final java.time.Duration BATCH_EVERY = java.time.Duration.ofMillis(5);

    @TempDir
    Path spill;

    @Test
    void everyAcknowledgedChangesEventIsDeliveredAfterTheOutage() throws Exception {
        try (EventQueue events = new EventQueue(); TestSchema schema = new TestSchema(); TestBroker consumer = new TestBroker();
             TcpProxy database = new TcpProxy("127.0.0.1", 5432)) {
            database.start();
            Map<String, String> env = new HashMap<>(Map.of(
                    "RABBITMQ_URL", TestBroker.URL, "RABBITMQ_EXCHANGE", events.exchange,
                    "DATABASE_URL", "jdbc:postgresql://127.0.0.1:" + database.port() + "/test",
                    "DATABASE_USER", TestSchema.USER, "DATABASE_SCHEMA", schema.name,
                    "OUTBOX_SPILL_DIR", spill.toString()));
            try (TestServer server = TestServer.startUnlimited(env)) {
                EventLoad load = new EventLoad();
                load.consume(consumer.channel(), consumer.queueForAllEventsOf(events.exchange));
                String user = "user-" + UUID.randomUUID();
                for (int i = 0; i < WRITERS; i++) {
                    String session = server.createSession(server.userToken(user), Map.of("name", "Outage", "type", "custom"));
                    load.startWriter(server.join(user, session, "writer", 2), session, 5, BATCH_EVERY);
                }
                Thread.sleep(1_000);
                database.stop();
                long cutAt = load.acknowledgedCount();
                Thread.sleep(OUTAGE.toMillis());
                long duringOutage = load.acknowledgedCount() - cutAt;
                database.start();
                Thread.sleep(1_000);
                load.stopWriters();

                long acknowledged = load.acknowledgedCount();
                EventLoad.await("every acknowledged change's event at the broker",
                        () -> load.distinctReceived() >= acknowledged);
                LOG.info("PostgreSQL cut for {} s under load: {} changes acknowledged ({} during the outage), "
                        + "{} events received", OUTAGE.toSeconds(), acknowledged, duringOutage, load.received().size());
                assertThat(duringOutage).as("changes acknowledged while PostgreSQL was down").isPositive();
                load.assertEveryAcknowledgedChangeArrivedOnceByIdInOrder();
                TestBroker.await("an empty outbox", () -> server.outboxDepth() == 0);
            }
        }
    }
}
