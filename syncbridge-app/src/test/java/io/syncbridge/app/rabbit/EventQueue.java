package io.syncbridge.app.rabbit;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.GetResponse;
import io.syncbridge.adapter.rabbit.TestBroker;
import io.syncbridge.app.TestServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * A test exchange with a queue bound to every event (both deleted at close), read back in the
 * order the broker holds them. "Everything" is made exact without timing: the queue is drained
 * only once the server's outbox is empty, i.e. every recorded event has been confirmed and so sits
 * in the queue already.
 */
final class EventQueue implements AutoCloseable {

    final String exchange = TestBroker.uniqueName("exchange");
    private final TestBroker broker;
    private final String queue;

    EventQueue() throws IOException, TimeoutException {
        broker = new TestBroker();
        queue = broker.queueForAllEventsOf(exchange);
    }

    /**
     * Every event published since the last take: waits for at least {@code atLeast} (events that
     * the server records asynchronously, e.g. a disconnect), then for the outbox to empty, then
     * takes whatever is left in the queue.
     */
    List<PublishedEvent> takeAll(TestServer server, int atLeast) throws IOException, InterruptedException {
        List<PublishedEvent> taken = readUntil(read -> read.size() >= atLeast);
        TestBroker.await("an empty outbox (depth 0)", () -> server.outboxDepth() == 0);
        for (GetResponse response = broker.channel().basicGet(queue, true); response != null;
             response = broker.channel().basicGet(queue, true)) {
            taken.add(PublishedEvent.of(response));
        }
        return taken;
    }

    /** Exactly the {@code expected} routing keys, in this order, since the last take. */
    List<PublishedEvent> takeExactly(TestServer server, String... expected) throws IOException, InterruptedException {
        List<PublishedEvent> taken = takeAll(server, expected.length);
        assertThat(taken).as("events published").extracting(PublishedEvent::routingKey).containsExactly(expected);
        return taken;
    }

    /** Reads until {@code done} holds for what was read (the outbox is not looked at). */
    List<PublishedEvent> readUntil(java.util.function.Predicate<List<PublishedEvent>> done)
            throws IOException, InterruptedException {
        List<PublishedEvent> taken = new ArrayList<>();
        long deadline = System.nanoTime() + TestBroker.PATIENCE.toNanos();
        while (!done.test(taken)) {
            assertThat(System.nanoTime()).as("enough events within %s; read so far: %s", TestBroker.PATIENCE, taken)
                    .isLessThan(deadline);
            GetResponse response = broker.channel().basicGet(queue, true);
            if (response == null) {
                Thread.sleep(20);
            } else {
                taken.add(PublishedEvent.of(response));
            }
        }
        return taken;
    }

    long messagesWaiting() throws IOException {
        return broker.channel().messageCount(queue);
    }

    @Override
    public void close() throws IOException, TimeoutException {
        broker.close();
    }
}
