package io.syncbridge.adapter.javalin.ws;

import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection's bounded queue of outgoing frames, written one at a time by its own writer: a
 * client that reads slowly fills only its own queue, and {@link #offer} says when it is full so
 * that the connection can be dropped instead of holding anyone else up.
 */
final class Outbox {

    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

    /** A close queued behind the frames before it (SessionEnded, then close). */
    private record Close(int code, String reason) {
    }

    private static final java.time.Duration CLOSE_GRACE = java.time.Duration.ofSeconds(2);

    private final String connectionId;
    private final Session socket;
    private final BlockingQueue<Object> items;
    private final AtomicBoolean writing = new AtomicBoolean();
    private volatile boolean finished;

    Outbox(String connectionId, Session socket, int capacity) {
        this.connectionId = Objects.requireNonNull(connectionId, "connectionId");
        this.socket = Objects.requireNonNull(socket, "socket");
        this.items = new ArrayBlockingQueue<>(Math.max(1, capacity));
    }

    /** Queues a text frame; false when the queue is full (the client does not keep up). */
    boolean offer(String frame) {
        if (finished) {
            return true;
        }
        if (!items.offer(frame)) {
            return false;
        }
        startWriter();
        return true;
    }

    /** Closes the socket once every frame queued so far is written. */
    void closeAfterFlush(int code, String reason) {
        if (finished) {
            return;
        }
        if (!items.offer(new Close(code, reason))) {
            closeNow(code, reason);
            return;
        }
        startWriter();
    }

    /**
     * Closes at once, dropping what is queued. A client that does not read cannot take the close
     * frame either, so the socket is cut if the close has not completed after a short grace.
     */
    void closeNow(int code, String reason) {
        finished = true;
        items.clear();
        socket.close(code, reason, Callback.NOOP);
        Thread.ofVirtual().name("ws-cut-" + connectionId).start(() -> {
            try {
                Thread.sleep(CLOSE_GRACE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // Harmless when the close completed; cuts the socket when the close frame is stuck behind unread data.
            socket.disconnect();
        });
    }

    /** Stops writing: the socket is gone. */
    void discard() {
        finished = true;
        items.clear();
    }

    private void startWriter() {
        if (writing.compareAndSet(false, true)) {
            Thread.ofVirtual().name("ws-write-" + connectionId).start(this::writeQueued);
        }
    }

    private void writeQueued() {
        try {
            Object item;
            while (!finished && (item = items.poll()) != null) {
                if (item instanceof Close close) {
                    finished = true;
                    socket.close(close.code(), close.reason(), Callback.NOOP);
                } else {
                    send((String) item);
                }
            }
        } finally {
            writing.set(false);
            if (!finished && !items.isEmpty()) {
                startWriter();
            }
        }
    }

    private void send(String frame) {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        try {
            socket.sendText(frame, Callback.from(() -> sent.complete(null), sent::completeExceptionally));
            sent.join();
        } catch (CompletionException | IllegalStateException e) {
            // The socket is gone or failed; whatever is queued cannot be delivered.
            LOG.debug("Connection {}: a frame could not be written, dropping the rest: {}", connectionId,
                    e.getMessage());
            discard();
        }
    }
}
