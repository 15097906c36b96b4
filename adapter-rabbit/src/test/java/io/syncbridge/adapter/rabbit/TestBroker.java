package io.syncbridge.adapter.rabbit;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Test access to the shared RabbitMQ at 127.0.0.1:5672: random names per test, a queue bound to
 * every event of a test exchange, polling reads, and deletion of everything the test declared.
 */
public final class TestBroker implements AutoCloseable {

    public static final String HOST = "127.0.0.1";
    public static final int PORT = 5672;
    public static final String URL = "amqp://guest:guest@" + HOST + ":" + PORT + "/%2F";
    public static final Duration PATIENCE = Duration.ofSeconds(30);

    private final Connection connection;
    private final Channel channel;
    private final List<String> queues = new ArrayList<>();
    private final List<String> exchanges = new ArrayList<>();

    public TestBroker() throws IOException, TimeoutException {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(HOST);
        factory.setPort(PORT);
        factory.setUsername("guest");
        factory.setPassword("guest");
        connection = factory.newConnection("syncbridge-test");
        channel = connection.createChannel();
    }

    public static String uniqueName(String what) {
        return "sbtest." + what + "." + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Declares {@code exchange} as the relay would, plus a queue bound to all its events; both deleted at close. */
    public String queueForAllEventsOf(String exchange) throws IOException {
        channel.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true);
        exchanges.add(exchange);
        String queue = uniqueName("queue");
        channel.queueDeclare(queue, true, false, false, null);
        queues.add(queue);
        channel.queueBind(queue, exchange, EventTopology.ALL_EVENTS);
        return queue;
    }

    /** Deletes the whole topology at close. */
    public void willDelete(EventTopology topology) {
        queues.add(topology.exampleQueue());
        queues.add(topology.deadLetterQueue());
        exchanges.add(topology.exchange());
        exchanges.add(topology.deadLetterExchange());
    }

    public Channel channel() {
        return channel;
    }

    /** Reads (and acknowledges) messages from {@code queue} until {@code done} holds for what was read. */
    public List<GetResponse> readUntil(String queue, java.util.function.Predicate<List<GetResponse>> done)
            throws IOException, InterruptedException {
        List<GetResponse> read = new ArrayList<>();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!done.test(read)) {
            assertThat(System.nanoTime()).as("messages in %s within %s; read so far: %d", queue, PATIENCE, read.size())
                    .isLessThan(deadline);
            GetResponse response = channel.basicGet(queue, true);
            if (response == null) {
                Thread.sleep(20);
            } else {
                read.add(response);
            }
        }
        return read;
    }

    /** Reads one message without acknowledging it, waiting for it to arrive. */
    public GetResponse awaitOneUnacknowledged(String queue) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            GetResponse response = channel.basicGet(queue, false);
            if (response != null) {
                return response;
            }
            assertThat(System.nanoTime()).as("a message in %s within %s", queue, PATIENCE).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    public static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("%s within %s", what, PATIENCE).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Override
    public void close() throws IOException, TimeoutException {
        // A fresh channel: a failed test may have left the reading channel closed by a channel error.
        try (Channel cleanup = connection.createChannel()) {
            for (String queue : queues) {
                cleanup.queueDelete(queue);
            }
            for (String exchange : exchanges) {
                cleanup.exchangeDelete(exchange);
            }
        } finally {
            connection.close();
        }
    }
}
