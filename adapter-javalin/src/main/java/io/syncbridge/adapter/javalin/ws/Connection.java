package io.syncbridge.adapter.javalin.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection: its own state (binding, protocol, versions seen, own mutation ids),
 * a serial worker that handles its messages and events strictly in order, and an outbox bounded in bytes.
 * Fields without a comment are touched only by the worker's tasks (which run one at a time, on the
 * worker's thread or on the caller's when the worker is idle).
 */
final class Connection {

    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);
    private static final int OWN_MUTATIONS_REMEMBERED = 1_024;

    /** Close codes (RFC 6455). */
    static final int NORMAL = 1000;
    static final int GOING_AWAY = 1001;
    static final int POLICY_VIOLATION = 1008;
    static final int TRY_AGAIN_LATER = 1013;

    final String id;
    final String address;
    final Session socket;
    private final Outbox outbox;
    private final SerialExecutor worker;
    private final ServerTime time;
    private final Counter errors;
    private final int maxPendingMessages;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Client messages accepted but not yet handled (Jetty thread increments, worker decrements). */
    private final AtomicInteger pendingMessages = new AtomicInteger();
    /** Read by the session channel and the ticker, written by the worker. */
    private volatile Binding binding;

    final RateWindow rate;
    private long seenVersion;
    private long deliveredVersion = -1;
    /**
     * Mutation ids this connection sent whose broadcast has not come back yet: each is dropped when
     * it does (or when its change was not accepted), so the set holds changes in flight, not a
     * history; the bound only covers broadcasts that never arrive.
     */
    private final Set<String> ownMutations = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > OWN_MUTATIONS_REMEMBERED;
        }
    });
    private long v1Sequence;
    /** What this connection's v1 mutation ids start with: its id and a colon. */
    private final String v1MutationPrefix;
    private String lastHandoffStart = "";

    /** Liveness, touched only by the gateway's ticker. */
    long lastBytesIn = -1;
    Instant lastAlive;
    Instant lastPing;

    Connection(String id, String address, Session socket, ServerTime time, Counter errors, long sendQueueBytes,
               SendBudget sendBudget, int messagesPerMinute) {
        this.id = Objects.requireNonNull(id, "id");
        this.address = Objects.requireNonNull(address, "address");
        this.socket = Objects.requireNonNull(socket, "socket");
        this.time = Objects.requireNonNull(time, "time");
        this.errors = Objects.requireNonNull(errors, "errors");
        this.outbox = new Outbox(id, socket, sendQueueBytes, sendBudget);
        this.worker = new SerialExecutor("ws-" + id);
        this.v1MutationPrefix = id + ":";
        this.rate = new RateWindow(messagesPerMinute);
        this.maxPendingMessages = Math.max(256, 2 * messagesPerMinute);
        this.lastAlive = time.now();
        this.lastPing = lastAlive;
    }

    /**
     * Queues a client message's handling; false when too many are waiting (the client floods). A
     * message that arrived is handled even if the socket closes meanwhile: the client may have
     * closed right after sending an update, which must not be lost.
     */
    boolean submitMessage(Runnable handling) {
        if (pendingMessages.incrementAndGet() > maxPendingMessages) {
            pendingMessages.decrementAndGet();
            return false;
        }
        Runnable counted = () -> {
            try {
                handling.run();
            } finally {
                pendingMessages.decrementAndGet();
            }
        };
        if (Thread.currentThread().isVirtual()) {
            // The socket's own reader: it may wait for the handling, and for the events queued
            // meanwhile (its next frame waits anyway), which saves a thread per message and per
            // echo of the connection's own change. A platform thread (a selector) must not wait.
            worker.runNowAndDrain(counted);
        } else {
            worker.execute(counted);
        }
        return true;
    }

    /** Queues work on this connection's worker while it is open. */
    void submit(Runnable task) {
        worker.execute(() -> {
            if (!closed.get()) {
                task.run();
            }
        });
    }

    /** Queues work that must run even after the socket closed (the clean-up). */
    void submitAlways(Runnable task) {
        worker.execute(task);
    }

    Binding binding() {
        return binding;
    }

    void bind(Binding newBinding) {
        this.binding = newBinding;
    }

    boolean isClosed() {
        return closed.get();
    }

    /** Marks the connection closed; true only for the first call. */
    boolean markClosed() {
        if (closed.compareAndSet(false, true)) {
            outbox.discard();
            return true;
        }
        return false;
    }

    // --- versions and own mutations (worker only) ---

    long seenVersion() {
        return seenVersion;
    }

    void saw(long version) {
        seenVersion = Math.max(seenVersion, version);
    }

    /** Everything up to {@code version} reached the client (AuthSuccess, Catchup, snapshot reset). */
    void deliveredUpTo(long version) {
        deliveredVersion = Math.max(deliveredVersion, version);
        saw(version);
    }

    /** Forgets what was delivered for the previous binding. */
    void resetVersions() {
        deliveredVersion = -1;
        seenVersion = 0;
    }

    /** A fresh mutation id for a v1 StateUpdate; it embeds the connection id so the echo can be recognised. */
    String nextV1MutationId() {
        return v1MutationPrefix + (++v1Sequence);
    }

    /** Called before the change is applied: its broadcast may be queued behind the apply. */
    void rememberOwnMutation(String mutationId) {
        ownMutations.add(mutationId);
    }

    /** The change was refused or had been applied before: no broadcast of it is coming. */
    void forgetOwnMutation(String mutationId) {
        ownMutations.remove(mutationId);
    }

    /** True for this connection's own change, whose broadcast it then no longer waits for. */
    private boolean isOwn(String mutationId) {
        return mutationId.startsWith(v1MutationPrefix) || ownMutations.remove(mutationId);
    }

    /**
     * True the first time a HandoffStart for this handoff goes to this connection. A device that
     * claims a handoff token gets it right after its AuthSuccess, and the handoff's broadcast may
     * reach the same connection from the feed before or after: it is sent once, whichever comes first.
     */
    boolean firstHandoffStart(String handoffId) {
        if (handoffId.equals(lastHandoffStart)) {
            return false;
        }
        lastHandoffStart = handoffId;
        return true;
    }

    // --- sending ---

    void send(MessageType type, Optional<JsonNode> correlationId, ObjectNode payload) {
        Binding current = binding;
        send(Frame.of(type, time.seconds(), current == null ? null : current.session(),
                current == null ? null : current.user(), correlationId, payload));
    }

    /** Queues an encoded frame (a broadcast's is shared with the session's other connections). */
    void send(Frame frame) {
        if (!outbox.offer(frame)) {
            errors.increment();
            LOG.warn("Connection {} from {}: send queue over its byte budget (client not reading, {} bytes queued);"
                    + " closing it", id, address, outbox.queuedBytes());
            outbox.closeNow(TRY_AGAIN_LATER, "Send queue overflow; reconnect and resume");
        }
    }

    void closeAfterFlush(int code, String reason) {
        outbox.closeAfterFlush(code, reason);
    }

    void closeNow(int code, String reason) {
        outbox.closeNow(code, reason);
    }

    // --- session events ---

    /** Hands a session event to this connection: at once on the caller's thread when the worker is idle. */
    void deliver(Broadcast broadcast) {
        worker.runNowOrQueue(() -> {
            if (!closed.get()) {
                receive(broadcast);
            }
        });
    }

    private void receive(Broadcast broadcast) {
        Binding current = binding;
        if (current == null) {
            return;
        }
        switch (broadcast) {
            case Broadcast.StateChanged change -> receiveChange(current, change);
            case Broadcast.Notice notice -> {
                if (current.v2() && notice.addressedTo(current.device())) {
                    if (notice.frame().type() == MessageType.HANDOFF_START
                            && !firstHandoffStart(notice.handoffId())) {
                        return;
                    }
                    send(notice.frame());
                }
            }
            case Broadcast.DeviceGone gone -> {
                if (gone.device().equals(current.device())) {
                    LOG.debug("Connection {}: device {} {}, closing", id, gone.device(), gone.reason());
                    closeAfterFlush(POLICY_VIOLATION, "Device " + gone.reason());
                }
            }
            case Broadcast.SessionEnded ended -> {
                if (current.v2()) {
                    ObjectNode payload = WireJson.object().put("reason", ended.reason());
                    send(MessageType.SESSION_ENDED, Optional.empty(), payload);
                }
                closeAfterFlush(NORMAL, "Session " + ended.reason());
            }
        }
    }

    private void receiveChange(Binding current, Broadcast.StateChanged change) {
        if (change.version() <= deliveredVersion) {
            return;
        }
        deliveredVersion = change.version();
        saw(change.version());
        if (isOwn(change.mutationId())) {
            return;
        }
        if (current.v2()) {
            change.delta().ifPresent(this::send);
        } else {
            change.v1Updates().forEach(this::send);
        }
    }

    @Override
    public String toString() {
        return "Connection[" + id + "]";
    }
}
