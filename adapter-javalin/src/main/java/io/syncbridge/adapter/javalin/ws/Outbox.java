package io.syncbridge.adapter.javalin.ws;

import java.time.Duration;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection's queue of outgoing frames, budgeted in bytes and written one at a time by its own
 * writer: a client that reads slowly fills only its own queue, and {@link #offer} says when it is
 * over its budget (or the process-wide one) so that the connection can be dropped instead of
 * holding anyone else up. A frame counts from the moment it is queued until it is written.
 * Frames are shared: queuing a broadcast adds a reference, not a copy.
 */
final class Outbox {

    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

    /** A close queued behind the frames before it (SessionEnded, then close). */
    private record Close(int code, String reason) {
    }

    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

    private final String connectionId;
    private final Session socket;
    private final long budgetBytes;
    private final SendBudget processBudget;
    /** Unbounded by count (the byte budget bounds it) and empty until used: an idle connection holds no array. */
    private final Queue<Object> items = new ConcurrentLinkedQueue<>();
    /** Bytes queued or being written on this connection. */
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean writing = new AtomicBoolean();
    private volatile boolean finished;

    Outbox(String connectionId, Session socket, long budgetBytes, SendBudget processBudget) {
        this.connectionId = Objects.requireNonNull(connectionId, "connectionId");
        this.socket = Objects.requireNonNull(socket, "socket");
        this.budgetBytes = Math.max(1, budgetBytes);
        this.processBudget = Objects.requireNonNull(processBudget, "processBudget");
    }

    /**
     * Queues a frame; false when it would pass this connection's byte budget or the process-wide
     * one (the client does not keep up). A connection with nothing queued always takes one frame,
     * however large, so that a client that reads is never refused a message the server may send.
     */
    boolean offer(Frame frame) {
        if (finished) {
            return true;
        }
        long size = frame.bytes();
        long queued = queuedBytes.get();
        if (queued == 0) {
            processBudget.reserve(size);
        } else if (queued + size > budgetBytes || !processBudget.tryReserve(size)) {
            return false;
        }
        queuedBytes.addAndGet(size);
        items.add(frame);
        if (finished) {
            discard(); // closed meanwhile: give the reservation back
            return true;
        }
        startWriter();
        return true;
    }

    /** Bytes queued or being written. */
    long queuedBytes() {
        return queuedBytes.get();
    }

    /** Closes the socket once every frame queued so far is written. */
    void closeAfterFlush(int code, String reason) {
        if (finished) {
            return;
        }
        items.add(new Close(code, reason));
        startWriter();
    }

    /**
     * Closes at once, dropping what is queued. A client that does not read cannot take the close
     * frame either, so the socket is cut if the close has not completed after a short grace.
     */
    void closeNow(int code, String reason) {
        discard();
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

    /** Stops writing and gives back what was queued: the socket is gone. */
    void discard() {
        finished = true;
        Object item;
        while ((item = items.poll()) != null) {
            if (item instanceof Frame frame) {
                released(frame);
            }
        }
    }

    private void released(Frame frame) {
        queuedBytes.addAndGet(-frame.bytes());
        processBudget.release(frame.bytes());
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
                    discard();
                    socket.close(close.code(), close.reason(), Callback.NOOP);
                } else {
                    Frame frame = (Frame) item;
                    try {
                        send(frame);
                    } finally {
                        released(frame);
                    }
                }
            }
        } finally {
            writing.set(false);
            if (!finished && !items.isEmpty()) {
                startWriter();
            }
        }
    }

    private void send(Frame frame) {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        try {
            socket.sendText(frame.text(), Callback.from(() -> sent.complete(null), sent::completeExceptionally));
            sent.join();
        } catch (CompletionException | IllegalStateException e) {
            // The socket is gone or failed; whatever is queued cannot be delivered.
            LOG.debug("Connection {}: a frame could not be written, dropping the rest: {}", connectionId,
                    e.getMessage());
            discard();
        }
    }
}
