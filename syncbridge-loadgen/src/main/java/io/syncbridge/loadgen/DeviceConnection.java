package io.syncbridge.loadgen;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One simulated device: a WebSocket to the server that sends timed updates of its own keys and
 * reports what comes back (broadcasts of the other devices' updates, acks, conflicts, errors) to
 * the tally. The listener's calls for one socket come one at a time, in order. Broadcasts and acks,
 * the frames being timed, are read with a {@link FrameScanner}; the rest with the full parser.
 */
final class DeviceConnection implements WebSocketClient.Listener {

    /**
     * Keys each device cycles through. A v2 change based on a version from before the device's
     * previous change (its ack still on the way) would overlap that change if it wrote the same key,
     * and MERGE rightly refuses that; with 16 keys a key comes round again only after 16 intervals.
     */
    static final int KEYS_PER_DEVICE = 16;

    private static final int NORMAL_CLOSURE = 1000;

    /** A v2 change waiting for its ack: when it was sent, and how many devices should get its delta. */
    private record Pending(long sentNanos, int receivers) {
    }

    private final SessionLoad session;
    private final String deviceId;
    private final String token;
    private final LoadOptions.Protocol protocol;
    private final LoadTally tally;
    private final String padding;
    private final String keyPrefix;
    private final CompletableFuture<Void> authenticated = new CompletableFuture<>();
    private final Map<String, Pending> pendingAcks = new ConcurrentHashMap<>();
    private final AtomicLong knownVersion = new AtomicLong();
    private final AtomicBoolean live = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final byte[] deviceIdUtf8;
    private final boolean scanFrames;
    private final FrameScanner scanner = new FrameScanner(); // listener calls only, one at a time
    private volatile WebSocketClient.Connection socket;
    private CompletableFuture<WebSocketClient.Connection> sends; // guarded by this
    private long sequence; // only touched by the send chain, which runs one send at a time

    /** Device {@code deviceId} of {@code session}, which presents {@code token}. */
    DeviceConnection(SessionLoad session, String deviceId, String token, LoadOptions options, LoadTally tally) {
        this.session = Objects.requireNonNull(session, "session");
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
        this.token = Objects.requireNonNull(token, "token");
        this.protocol = options.protocol();
        this.tally = Objects.requireNonNull(tally, "tally");
        this.padding = "x".repeat(options.valueBytes());
        this.keyPrefix = "load-" + deviceId + "-";
        this.deviceIdUtf8 = deviceId.getBytes(StandardCharsets.UTF_8);
        this.scanFrames = options.receive() == LoadOptions.Receive.SCAN;
    }

    /**
     * Connects and authenticates: v1 on the session endpoint (the token in the query), v2 on /ws
     * with an Auth message asking for protocol 2. Completes when AuthSuccess arrives; fails (and is
     * counted) on a refused upgrade, an AuthFailure or the timeout.
     */
    CompletableFuture<Void> open(WebSocketClient client, LoopbackTarget target, Duration timeout) {
        String path = protocol == LoadOptions.Protocol.V1
                ? "/v1/ws/sessions/" + encode(session.sessionId()) + "?token=" + encode(token) + "&deviceId="
                        + encode(deviceId)
                : "/ws";
        client.connect(target.webSocket(path), this, timeout)
                .whenComplete((ws, failure) -> {
                    if (failure != null) {
                        authenticated.completeExceptionally(failure);
                    } else if (protocol == LoadOptions.Protocol.V2) {
                        ws.sendText(WireMessages.authV2(token)).whenComplete((ignored, sendFailure) -> {
                            if (sendFailure != null) {
                                authenticated.completeExceptionally(sendFailure);
                            }
                        });
                    }
                });
        return authenticated.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((ok, failure) -> {
            if (failure == null) {
                tally.connectionsOpened.increment();
            } else {
                tally.connectionsFailed.increment();
                tally.error(connectFailureReason(failure), "device " + deviceId + " of " + session.sessionId(),
                        unwrap(failure));
                abort();
            }
        });
    }

    boolean isLive() {
        return live.get();
    }

    /** Queues one update behind the ones not yet written (the socket takes one send at a time). */
    synchronized void sendUpdate() {
        if (!live.get() || closing.get()) {
            return;
        }
        sends = sends.thenCompose(ws -> sendOne(ws)).exceptionally(failure -> {
            tally.error("SEND_FAILED", "device " + deviceId + " of " + session.sessionId(), failure);
            return socket;
        });
    }

    /** Completes when every queued update has been written. */
    synchronized CompletableFuture<WebSocketClient.Connection> sendsDone() {
        return sends == null ? CompletableFuture.completedFuture(socket) : sends;
    }

    int pendingAcks() {
        return pendingAcks.size();
    }

    /** Says goodbye with a normal close once the queued updates are out; {@link #abort} if it hangs. */
    CompletableFuture<?> close() {
        closing.set(true);
        WebSocketClient.Connection ws = socket;
        if (ws == null || ws.isOutputClosed()) {
            return CompletableFuture.completedFuture(null);
        }
        return sendsDone().handle((ignored, failure) -> null)
                .thenCompose(ignored -> ws.sendClose(NORMAL_CLOSURE, "load run over"))
                .exceptionally(failure -> null);
    }

    void abort() {
        closing.set(true);
        WebSocketClient.Connection ws = socket;
        if (ws != null) {
            ws.abort();
        }
        wentDown();
    }

    private CompletableFuture<WebSocketClient.Connection> sendOne(WebSocketClient.Connection ws) {
        long n = sequence++;
        long now = System.nanoTime();
        String key = keyPrefix + (n % KEYS_PER_DEVICE);
        int receivers = session.connected().get() - 1;
        String text;
        if (protocol == LoadOptions.Protocol.V1) {
            text = WireMessages.stateUpdate(key, WireMessages.timedValue(now, padding));
        } else {
            String mutationId = deviceId + "-" + n;
            pendingAcks.put(mutationId, new Pending(now, receivers));
            text = WireMessages.change(mutationId, knownVersion.get(), key, WireMessages.timedValue(now, padding));
        }
        tally.sent(now, receivers);
        return ws.sendText(text).thenApply(ignored -> ws);
    }

    @Override
    public void onOpen(WebSocketClient.Connection connection) {
        socket = connection;
        synchronized (this) {
            sends = CompletableFuture.completedFuture(connection);
        }
    }

    @Override
    public void onText(byte[] utf8, int offset, int length) {
        long receivedNanos = System.nanoTime();
        if (!(scanFrames && scanner.scan(utf8, offset, length) && handledScanned(receivedNanos))) {
            handle(new String(utf8, offset, length, StandardCharsets.UTF_8), receivedNanos);
        }
    }

    @Override
    public void onClose(int statusCode, String reason) {
        if (!closing.get()) {
            tally.error("CLOSED_BY_SERVER_" + statusCode, "device " + deviceId + " of " + session.sessionId()
                    + ": " + reason, null);
        }
        authenticated.completeExceptionally(new IllegalStateException("closed " + statusCode + " " + reason));
        wentDown();
    }

    @Override
    public void onError(Throwable error) {
        if (!closing.get()) {
            tally.error("SOCKET_ERROR", "device " + deviceId + " of " + session.sessionId(), error);
        }
        authenticated.completeExceptionally(error);
        wentDown();
    }

    /**
     * The frequent frames, read by the scanner with the same meaning as {@link #handle}; false for
     * any other type, which {@link #handle} then reads in full.
     */
    private boolean handledScanned(long receivedNanos) {
        switch (scanner.type()) {
            case WireMessages.STATE_UPDATE -> receivedScanned(receivedNanos);
            case WireMessages.DELTA -> {
                if (scanner.hasVersion()) {
                    sawVersion(scanner.version());
                }
                if (!scanner.deviceIdIs(deviceIdUtf8)) {
                    receivedScanned(receivedNanos);
                }
            }
            case WireMessages.CHANGE_ACK -> {
                if (scanner.hasVersion()) {
                    sawVersion(scanner.version());
                }
                String mutationId = scanner.mutationId();
                Pending pending = mutationId == null ? null : pendingAcks.remove(mutationId);
                if (pending != null) {
                    String outcome = scanner.outcome();
                    tally.acknowledged(outcome == null ? "unknown" : outcome, pending.sentNanos(), receivedNanos);
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private void receivedScanned(long receivedNanos) {
        if (scanner.hasSentNanos()) {
            tally.received(scanner.sentNanos(), receivedNanos);
        }
    }

    private void handle(String text, long receivedNanos) {
        WireMessages.Incoming message;
        try {
            message = WireMessages.read(text);
        } catch (IllegalArgumentException e) {
            tally.error("UNREADABLE_FRAME", "device " + deviceId + " got " + abbreviate(text), e);
            return;
        }
        switch (message.type()) {
            case WireMessages.AUTH_SUCCESS -> {
                message.number("version").ifPresent(this::sawVersion);
                if (live.compareAndSet(false, true)) {
                    session.connected().incrementAndGet();
                }
                authenticated.complete(null);
            }
            case WireMessages.AUTH_FAILURE -> {
                String reason = message.text("reason").orElse("UNKNOWN");
                authenticated.completeExceptionally(new IllegalStateException("AuthFailure " + reason));
            }
            case WireMessages.STATE_UPDATE -> received(message, receivedNanos);
            case WireMessages.DELTA -> {
                message.number("version").ifPresent(this::sawVersion);
                if (!message.text("device_id").orElse("").equals(deviceId)) {
                    received(message, receivedNanos);
                }
            }
            case WireMessages.CHANGE_ACK -> {
                message.number("version").ifPresent(this::sawVersion);
                message.text("mutation_id").map(pendingAcks::remove).ifPresent(pending ->
                        tally.acknowledged(message.text("outcome").orElse("unknown"), pending.sentNanos(),
                                receivedNanos));
            }
            case WireMessages.CONFLICT -> {
                message.number("current_version").ifPresent(this::sawVersion);
                tally.conflicts.increment();
                message.text("mutation_id").map(pendingAcks::remove).ifPresent(this::notApplied);
            }
            case WireMessages.ERROR -> {
                message.detail("mutation_id").map(pendingAcks::remove).ifPresent(this::notApplied);
                tally.error(message.text("reason").orElse("ERROR"), "device " + deviceId + " of "
                        + session.sessionId() + ": " + message.text("message").orElse(""), null);
            }
            default -> {
                // Presence, handoff and heartbeat messages are not what this run measures.
            }
        }
    }

    private void received(WireMessages.Incoming message, long receivedNanos) {
        OptionalLong sentNanos = message.sentNanos();
        if (sentNanos.isPresent()) {
            tally.received(sentNanos.getAsLong(), receivedNanos);
        }
    }

    /** A refused change is never broadcast: its deltas are no longer expected. */
    private void notApplied(Pending pending) {
        tally.notApplied(pending.sentNanos(), pending.receivers());
    }

    private void sawVersion(long version) {
        knownVersion.accumulateAndGet(version, Math::max);
    }

    private void wentDown() {
        if (live.compareAndSet(true, false)) {
            session.connected().decrementAndGet();
        }
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    private static String connectFailureReason(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof WebSocketClient.HandshakeRefused refused) {
            return "HANDSHAKE_" + refused.statusCode();
        }
        if (cause instanceof TimeoutException) {
            return "CONNECT_TIMEOUT";
        }
        String message = String.valueOf(cause.getMessage());
        return message.startsWith("AuthFailure ") ? "AUTH_FAILURE_" + message.substring(12) : "CONNECT_FAILED";
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
