package io.syncbridge.bench;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.AMQP;
import io.syncbridge.adapter.postgres.PostgresConfig;
import io.syncbridge.adapter.postgres.PostgresDatabase;
import io.syncbridge.adapter.postgres.PostgresEventOutbox;
import io.syncbridge.adapter.rabbit.EventTopology;
import io.syncbridge.adapter.rabbit.OutboxRelay;
import io.syncbridge.adapter.rabbit.RabbitConfig;
import io.syncbridge.domain.change.AppliedChange;
import io.syncbridge.domain.change.MutationId;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.UserId;
import io.syncbridge.domain.state.JsonValue;
import io.syncbridge.domain.state.PatchOperation;
import io.syncbridge.domain.time.Clock;
import java.net.URI;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox relay's drain rate, side by side with the broker's own: fills a PostgreSQL outbox
 * (a schema of its own) with a backlog of state changes, starts the real relay against RabbitMQ
 * and times the backlog at a consumer; then publishes as many messages of the same size with
 * confirms straight to the broker ({@code --ceiling}), which is what the relay could at best
 * reach. Run by hand, never in the build:
 * {@code java -cp syncbridge-bench/target/benchmarks.jar io.syncbridge.bench.OutboxDrainBenchmark 30000 3}
 * (events per round, rounds; PostgreSQL and RabbitMQ on loopback, or DATABASE_URL / RABBITMQ_URL).
 */
public final class OutboxDrainBenchmark {

    private static final Logger log = LoggerFactory.getLogger(OutboxDrainBenchmark.class);
    private static final int SESSIONS = 4;
    private static final Duration WAIT = Duration.ofMinutes(3);

    private OutboxDrainBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 30_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String databaseUrl = System.getenv().getOrDefault("DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        String databaseUser = System.getenv().getOrDefault("DATABASE_USER", "postgres");
        String brokerUrl = System.getenv().getOrDefault("RABBITMQ_URL", RabbitConfig.DEFAULT_URL);
        List<Double> relay = new ArrayList<>();
        List<Double> ceiling = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            double drained = relayRound(events, databaseUrl, databaseUser, brokerUrl);
            double direct = brokerRound(events, brokerUrl);
            relay.add(drained);
            ceiling.add(direct);
            log.info("round {}: relay {} events/s, broker alone {} messages/s", round, Math.round(drained),
                    Math.round(direct));
        }
        double relayMedian = median(relay);
        double ceilingMedian = median(ceiling);
        log.info(String.format(Locale.ROOT, "outbox drain: median %.0f events/s; broker alone %.0f messages/s; ratio %.2f"
                + " (%d events a round, %d rounds)", relayMedian, ceilingMedian, relayMedian / ceilingMedian, events, rounds));
    }

    /** One backlog of {@code count} events drained by the real relay; events per second at the consumer. */
    private static double relayRound(int count, String databaseUrl, String user, String brokerUrl) throws Exception {
        String schema = "bench_outbox_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String exchange = "bench.outbox." + schema;
        PostgresDatabase database = new PostgresDatabase(PostgresConfig.fromUrl(databaseUrl, user, "").withSchema(schema));
        try (Connection connection = connect(brokerUrl); Channel channel = connection.createChannel()) {
            database.migrate();
            PostgresEventOutbox outbox = new PostgresEventOutbox(database);
            fill(outbox, count);
            // Past the relay's settle time, so that the whole backlog is ready at once.
            Thread.sleep(500);
            String queue = declareQueue(channel, exchange);
            Arrival arrival = Arrival.consume(channel, queue, count);
            RabbitConfig config = RabbitConfig.defaults(brokerUrl).withTopology(EventTopology.forExchange(exchange));
            try (OutboxRelay relayOfRound = new OutboxRelay(config, outbox, Clock.system())) {
                relayOfRound.start();
                return arrival.rate();
            } finally {
                channel.queueDelete(queue);
                channel.exchangeDelete(exchange);
            }
        } finally {
            database.close();
            dropSchema(databaseUrl, user, schema);
        }
    }

    /** As many persistent messages of the same shape, published with confirms in batches of 1,000 straight to the broker. */
    private static double brokerRound(int count, String brokerUrl) throws Exception {
        String exchange = "bench.broker." + UUID.randomUUID();
        try (Connection connection = connect(brokerUrl); Channel channel = connection.createChannel();
             Channel publishing = connection.createChannel()) {
            String queue = declareQueue(channel, exchange);
            Arrival arrival = Arrival.consume(channel, queue, count);
            publishing.confirmSelect();
            byte[] body = new byte[700];
            Arrays.fill(body, (byte) 'x');
            for (int sent = 0; sent < count; sent += 1_000) {
                for (int i = sent; i < Math.min(count, sent + 1_000); i++) {
                    publishing.basicPublish(exchange, "state.changed", false, likeAnEvent(), body);
                }
                publishing.waitForConfirmsOrDie(WAIT.toMillis());
            }
            double rate = arrival.rate();
            channel.queueDelete(queue);
            channel.exchangeDelete(exchange);
            return rate;
        }
    }

    /** Properties of the relay's messages' shape: persistent, with a message id, a type and three headers. */
    private static AMQP.BasicProperties likeAnEvent() {
        return new AMQP.BasicProperties.Builder().deliveryMode(2).contentType("application/json")
                .contentEncoding("utf-8").messageId(UUID.randomUUID().toString()).type("state.changed")
                .appId("syncbridge").timestamp(new java.util.Date())
                .headers(Map.of("event_type", "state.changed", "session_id", "bench-1",
                        "occurred_at", Instant.now().toString()))
                .build();
    }

    private static void fill(PostgresEventOutbox outbox, int count) {
        Instant at = Instant.now();
        List<DomainEvent> chunk = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            AppliedChange change = new AppliedChange(i / SESSIONS + 1, new MutationId("m-" + i), new DeviceId("phone-1"),
                    List.of(new PatchOperation.SetKey("step", JsonValue.of(i))), at);
            chunk.add(new DomainEvent.StateChanged(UUID.randomUUID().toString(), new SessionId("bench-" + i % SESSIONS),
                    new UserId("bench-user"), at, change));
            if (chunk.size() == 2_000) {
                outbox.appendAll(chunk);
                chunk.clear();
            }
        }
        outbox.appendAll(chunk);
    }

    private static Connection connect(String brokerUrl) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(URI.create(brokerUrl));
        return factory.newConnection("syncbridge-outbox-drain-benchmark");
    }

    private static String declareQueue(Channel channel, String exchange) throws Exception {
        channel.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true);
        String queue = exchange + ".all";
        channel.queueDeclare(queue, true, false, false, null);
        channel.queueBind(queue, exchange, EventTopology.ALL_EVENTS);
        return queue;
    }

    private static void dropSchema(String databaseUrl, String user, String schema) throws SQLException {
        try (java.sql.Connection connection = DriverManager.getConnection(databaseUrl, user, "");
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /** Counts messages at a consumer: the rate from the first to the last of {@code expected}. */
    private static final class Arrival {
        private final CountDownLatch all;
        private final AtomicLong first = new AtomicLong();
        private final AtomicLong last = new AtomicLong();
        private final int expected;

        private Arrival(int expected) {
            this.expected = expected;
            this.all = new CountDownLatch(expected);
        }

        static Arrival consume(Channel channel, String queue, int expected) throws Exception {
            Arrival arrival = new Arrival(expected);
            channel.basicConsume(queue, true, (tag, delivery) -> {
                long now = System.nanoTime();
                arrival.first.compareAndSet(0, now);
                arrival.last.set(now);
                arrival.all.countDown();
            }, tag -> { });
            return arrival;
        }

        double rate() throws InterruptedException {
            if (!all.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException((expected - all.getCount()) + " of " + expected + " messages arrived in " + WAIT);
            }
            return expected / (Math.max(1, last.get() - first.get()) / 1e9);
        }
    }
}
