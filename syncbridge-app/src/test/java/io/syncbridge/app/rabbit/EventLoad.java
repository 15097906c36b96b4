package io.syncbridge.app.rabbit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.syncbridge.adapter.javalin.ws.WsClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * Load for the outage tests: writers that each send batches of changes to a session of their own
 * over a WebSocket and count every acknowledged version; and a consumer that takes everything the
 * test queue receives as fast as the broker delivers it, then checks it against what was acknowledged.
 */
final class EventLoad {

    /** One state.changed event as received: its message id, session, version and body. */
    record Received(String messageId, String session, long version, String body, long atNanos) {
    }

    final Map<String, List<Long>> acknowledged = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    /** The (session, version) pairs received, kept as they arrive: the tests poll the count often during a drain. */
    private final Set<String> distinct = ConcurrentHashMap.newKeySet();
    private final List<Thread> writers = new ArrayList<>();
    private final List<Throwable> failures = new ArrayList<>();
    private final AtomicBoolean stop = new AtomicBoolean();

    /** Starts a writer on {@code session} sending batches of {@code batch} changes, back to back, until {@link #stopWriters}. */
    void startWriter(WsClient client, String session, int batch) {
        startWriter(client, session, batch, java.time.Duration.ZERO);
    }

    /**
     * Starts a writer on {@code session} sending a batch of {@code batch} changes every {@code every}
     * (back to back when zero) until {@link #stopWriters}: a steady load whose backlog a test can
     * size, rather than whatever the machine's cores allow.
     */
    void startWriter(WsClient client, String session, int batch, java.time.Duration every) {
        List<Long> versions = new ArrayList<>();
        acknowledged.put(session, versions);
        writers.add(Thread.ofPlatform().start(() -> {
            try (client) {
                long version = 0;
                long next = System.nanoTime();
                while (!stop.get()) {
                    next += every.toNanos();
                    ObjectNode message = WsClient.JSON.createObjectNode().put("type", 16);
                    ArrayNode changes = message.putObject("payload").putArray("changes");
                    for (int i = 0; i < batch; i++) {
                        long base = version + i;
                        ObjectNode change = changes.addObject().put("mutation_id", session + "-" + base)
                                .put("base_version", base);
                        change.putArray("ops").addObject().put("op", "add").put("path", "/n").put("value", base + 1);
                    }
                    client.send(message);
                    JsonNode results = client.await(17).path("payload").path("results");
                    for (JsonNode result : results) {
                        assertThat(result.path("outcome").asText()).as("result %s", result).isEqualTo("applied");
                        version = result.path("version").asLong();
                        versions.add(version);
                    }
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
            } catch (Throwable e) {
                synchronized (failures) {
                    failures.add(e);
                }
            }
        }));
    }

    void stopWriters() throws InterruptedException {
        stop.set(true);
        for (Thread writer : writers) {
            writer.join(60_000);
        }
        assertThat(failures).as("writers").isEmpty();
    }

    long acknowledgedCount() {
        return acknowledged.values().stream().mapToLong(List::size).sum();
    }

    /** Consumes the queue on {@code channel} (auto-ack), keeping every state.changed event. */
    void consume(Channel channel, String queue) throws IOException {
        channel.basicQos(2_000);
        channel.basicConsume(queue, true, new DefaultConsumer(channel) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
                    throws IOException {
                if (!envelope.getRoutingKey().equals("state.changed")) {
                    return;
                }
                JsonNode json = WsClient.JSON.readTree(body);
                Received event = new Received(properties.getMessageId(), json.path("session_id").asText(),
                        json.path("data").path("change").path("version").asLong(), new String(body),
                        System.nanoTime());
                received.add(event);
                distinct.add(event.session() + "/" + event.version());
            }
        });
    }

    /** Waits up to two minutes (a backlog of tens of thousands on a loaded machine) for {@code condition}. */
    static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(2).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("%s within two minutes", what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** Distinct (session, version) pairs received so far. */
    long distinctReceived() {
        return distinct.size();
    }

    /**
     * Every acknowledged change has its event; a copy only ever with the same message id and body;
     * per session the first copies arrive in version order.
     */
    void assertEveryAcknowledgedChangeArrivedOnceByIdInOrder() {
        List<Received> all = received();
        Map<String, List<Received>> byId = all.stream()
                .collect(Collectors.groupingBy(Received::messageId, LinkedHashMap::new, Collectors.toList()));
        byId.values().forEach(copies -> assertThat(copies).extracting(Received::body)
                .as("copies of one message id").containsOnly(copies.getFirst().body()));
        for (Map.Entry<String, List<Long>> entry : acknowledged.entrySet()) {
            List<Long> firstCopies = byId.values().stream().map(List::getFirst)
                    .filter(r -> r.session().equals(entry.getKey())).map(Received::version).toList();
            assertThat(firstCopies).as("versions of session %s, first copies in arrival order", entry.getKey())
                    .containsExactlyElementsOf(entry.getValue());
        }
    }
}
