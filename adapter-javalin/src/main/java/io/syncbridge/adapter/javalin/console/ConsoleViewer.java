package io.syncbridge.adapter.javalin.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open console page: its Server-Sent-Events stream, fed from a bounded queue by its own
 * sender, so that a slow browser never holds up the feed. A page that falls too far behind is
 * disconnected; the browser reconnects and gets the whole list again.
 */
final class ConsoleViewer {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleViewer.class);

    private record Message(String type, String json) {
    }

    private final SseClient client;
    private final ObjectMapper mapper;
    private final Duration keepAlive;
    private final BlockingQueue<Message> queue;

    ConsoleViewer(SseClient client, ObjectMapper mapper, Duration keepAlive, int capacity) {
        this.client = Objects.requireNonNull(client, "client");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.keepAlive = Objects.requireNonNull(keepAlive, "keepAlive");
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    /** Queues a message; never blocks. */
    void send(String type, Object data) {
        String json;
        try {
            json = mapper.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write console data", e);
        }
        if (!queue.offer(new Message(type, json))) {
            LOG.info("console viewer fell behind by {} messages; disconnecting it so that it starts over",
                    queue.size());
            close();
        }
    }

    void close() {
        client.close();
    }

    boolean isOpen() {
        return !client.terminated();
    }

    /** Sends until the stream closes; runs on the viewer's own thread. */
    void pump() {
        try {
            while (!client.terminated()) {
                Message message = queue.poll(keepAlive.toMillis(), TimeUnit.MILLISECONDS);
                if (message == null) {
                    client.sendComment("keep-alive");
                } else {
                    client.sendEvent(message.type(), message.json());
                }
            }
        } catch (InterruptedException closed) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.debug("console stream ended: {}", e.toString());
        } finally {
            client.close();
        }
    }
}
