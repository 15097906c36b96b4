package io.syncbridge.adapter.javalin.ws;

import java.time.Duration;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.OpCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection's queue of outgoing frames, budgeted in bytes and written one at a time by its own
 * writer: a client that reads slowly fills only its own queue, and {@link #offer} says when it is
 * over its budget (or the process-wide one) so that the connection can be dropped instead of
 * holding anyone else up. A frame counts from the moment it is queued until it is written.
 * Frames are shared: queuing a broadcast adds a reference, not a copy, and its bytes are written
 * as they are (Jetty's core session), not re-encoded per recipient.
 */
final class Outbox {

    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

    /** A close queued behind the frames before it (SessionEnded, then close). */
    private record Close(int code, String reason) {
    }

    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

    private final String connectionId;
    private final Session socket;
    /** Jetty's core session under the socket: it writes a frame's bytes as they are. */
    private final CoreSession core;
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
        if (!(socket instanceof WebSocketSession jetty)) {
            throw new IllegalArgumentException("not a Jetty WebSocket session: " + socket.getClass().getName());
        }
        this.core = jetty.getCoreSession();
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
            writeQueued();
        }
    }

    /**
     * Writes what is queued, one frame at a time, on whichever thread gets here: the completion of a
     * write that does not finish at once continues from Jetty's callback, so no thread waits on a socket
     * and none is started per burst. A write that completes inline continues in this loop (no recursion).
     */
    private void writeQueued() {
        while (true) {
            Object item = finished ? null : items.poll();
            if (item == null) {
                writing.set(false);
                // An offer may have queued after the poll and seen writing still set: take it over.
                if (finished || items.isEmpty() || !writing.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            if (item instanceof Close close) {
                finished = true;
                discard();
                socket.close(close.code(), close.reason(), Callback.NOOP);
                writing.set(false);
                return;
            }
            Write write = new Write((Frame) item);
            write.start();
            if (!write.returnedBeforeCompletion()) {
                continue;
            }
            return;
        }
    }

    /** One frame's write: gives its bytes back once, and hands the loop on if it completes later. */
    private final class Write implements org.eclipse.jetty.util.Callback {
        private static final int PENDING = 0;
        private static final int RETURNED = 1;
        private static final int COMPLETED = 2;

        private final Frame frame;
        private final AtomicInteger state = new AtomicInteger(PENDING);

        Write(Frame frame) {
            this.frame = frame;
        }

        void start() {
            try {
                core.sendFrame(new org.eclipse.jetty.websocket.core.Frame(OpCode.TEXT, frame.payload()), this, false);
            } catch (RuntimeException e) {
                failed(e);
            }
        }

        /** True when the write is still in flight: its completion continues the loop. */
        boolean returnedBeforeCompletion() {
            return state.compareAndSet(PENDING, RETURNED);
        }

        @Override
        public void succeeded() {
            completed();
        }

        @Override
        public void failed(Throwable failure) {
            // The socket is gone or failed; whatever is queued cannot be delivered.
            LOG.debug("Connection {}: a frame could not be written, dropping the rest: {}", connectionId,
                    failure.getMessage());
            discard();
            completed();
        }

        private void completed() {
            int before = state.getAndSet(COMPLETED);
            if (before == COMPLETED) {
                return;
            }
            released(frame);
            if (before == RETURNED) {
                writeQueued();
            }
        }
    }
}
