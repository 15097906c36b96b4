package io.syncbridge.loadgen;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One load run, start to finish in bounded time: connect every device of every session, send
 * updates at the asked rate for the asked duration, wait briefly for what is still in flight,
 * close, and report.
 */
final class LoadRun {

    private static final Logger LOG = LoggerFactory.getLogger(LoadRun.class);

    /** How long to wait, after the last send, for broadcasts and acks still on their way. */
    static final Duration DRAIN = Duration.ofSeconds(5);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    private final LoadOptions options;
    private final DeviceTokens tokens;
    private final LoadTally tally = new LoadTally();
    private final List<DeviceConnection> connections = new ArrayList<>();
    /** The connections that send: the first {@code --writers} devices of each session. */
    private final List<DeviceConnection> writers = new ArrayList<>();

    /** A run whose devices present the tokens {@code tokens} mints. */
    LoadRun(LoadOptions options, DeviceTokens tokens) {
        this.options = options;
        this.tokens = tokens;
    }

    /** A run whose devices present HS256 tokens signed with the options' secret, valid for the whole run. */
    LoadRun(LoadOptions options) {
        this(options, hs256Tokens(options));
    }

    private static DeviceTokens hs256Tokens(LoadOptions options) {
        if (options.secret() == null) {
            throw new IllegalArgumentException("no secret to sign the devices' tokens with");
        }
        SessionTokens signer = new SessionTokens(options.secret(),
                options.duration().plus(options.connectTimeout().multipliedBy(options.devices())).plusMinutes(5));
        return (user, session, device) -> signer.mint(user, session, device, Instant.now());
    }

    LoadReport run() throws InterruptedException {
        String runId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        try (WebSocketClient client = WebSocketClient.create(options.client(), options.connectTimeout())) {
            return run(client, runId);
        }
    }

    private LoadReport run(WebSocketClient client, String runId) throws InterruptedException {
        List<DeviceConnection> toOpen = devices(runId);
        Optional<ServerSample> beforeConnect = sampleServer();
        long connectStart = System.nanoTime();
        connectAll(client, toOpen);
        Duration connectPhase = Duration.ofNanos(System.nanoTime() - connectStart);
        Optional<ServerSample> afterConnect = sampleServer();
        List<DeviceConnection> live = connections.stream().filter(DeviceConnection::isLive).toList();
        List<DeviceConnection> sending = writers.stream().filter(DeviceConnection::isLive).toList();
        LOG.info("{} of {} connections authenticated; sending for {}", live.size(), connections.size(),
                options.duration());
        long start = System.nanoTime();
        long measureFrom = start + options.warmup().toNanos();
        tally.measureFrom(measureFrom);
        AtomicReference<Optional<ServerSample>> measureStart = new AtomicReference<>(Optional.empty());
        if (!sending.isEmpty()) {
            send(sending, start, () -> measureStart.set(sampleServer()));
        }
        long sendingEnded = System.nanoTime();
        Optional<ServerSample> measureEnd = sampleServer();
        drain(live);
        closeAll();
        return new LoadReport(options, tally, connections.size(), Duration.ofNanos(sendingEnded - measureFrom),
                connectPhase, new ServerUsage(beforeConnect, afterConnect, measureStart.get(), measureEnd));
    }

    private Optional<ServerSample> sampleServer() {
        return options.measuresServer() ? ServerSample.of(options.serverPid()) : Optional.empty();
    }

    /** Every session's devices, each with its token minted (clients hold their tokens before they connect). */
    private List<DeviceConnection> devices(String runId) {
        List<DeviceConnection> devices = new ArrayList<>();
        for (int s = 0; s < options.sessions(); s++) {
            SessionLoad session = new SessionLoad(
                    "load-" + runId + "-" + s, "load-user-" + runId + "-" + s);
            for (int d = 0; d < options.devices(); d++) {
                String deviceId = "device-" + d;
                String token = tokens.mint(session.userId(), session.sessionId(), deviceId);
                DeviceConnection connection = new DeviceConnection(session, deviceId, token, options, tally);
                devices.add(connection);
                if (d < options.writers()) {
                    writers.add(connection);
                }
            }
        }
        connections.addAll(devices);
        return devices;
    }

    /**
     * Opens each session's devices one after another (so they join in order), the sessions side by
     * side; {@code devices} are in session order, {@code --devices} per session.
     */
    private void connectAll(WebSocketClient client, List<DeviceConnection> devices) throws InterruptedException {
        List<CompletableFuture<Void>> sessions = new ArrayList<>();
        for (int first = 0; first < devices.size(); first += options.devices()) {
            CompletableFuture<Void> opened = CompletableFuture.completedFuture(null);
            for (DeviceConnection connection : devices.subList(first, first + options.devices())) {
                // A failed device is counted by open(); the session's next device still tries.
                opened = opened.thenCompose(ignored -> connection.open(client, options.target(),
                        options.connectTimeout()).exceptionally(failure -> null));
            }
            sessions.add(opened);
        }
        Duration bound = options.connectTimeout().multipliedBy(options.devices() + 1L);
        try {
            CompletableFuture.allOf(sessions.toArray(CompletableFuture[]::new))
                    .get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // Every open() is bounded by the connect timeout; what has not authenticated by now stays out.
            tally.error("CONNECT_PHASE_INCOMPLETE", "connecting took longer than " + bound, e);
        }
    }

    /**
     * Sends from every live device on a fixed schedule (spread over the interval) until the duration
     * is up, and runs {@code atMeasureStart} once the warm-up is over.
     */
    private void send(List<DeviceConnection> live, long start, Runnable atMeasureStart) throws InterruptedException {
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "load-sender");
            thread.setDaemon(true);
            return thread;
        });
        long interval = options.sendInterval().toNanos();
        try {
            timer.schedule(atMeasureStart, options.warmup().toNanos(), TimeUnit.NANOSECONDS);
            for (DeviceConnection connection : live) {
                timer.scheduleAtFixedRate(connection::sendUpdate, ThreadLocalRandom.current().nextLong(interval),
                        interval, TimeUnit.NANOSECONDS);
            }
            long remaining = start + options.duration().toNanos() - System.nanoTime();
            if (remaining > 0) {
                TimeUnit.NANOSECONDS.sleep(remaining);
            }
        } finally {
            timer.shutdownNow();
            timer.awaitTermination(1, TimeUnit.SECONDS);
        }
    }

    /** Waits until every expected broadcast and ack is in, or {@link #DRAIN} has passed. */
    private void drain(List<DeviceConnection> live) throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN.toNanos();
        try {
            CompletableFuture.allOf(live.stream().map(DeviceConnection::sendsDone).toArray(CompletableFuture[]::new))
                    .get(DRAIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            tally.error("SENDS_NOT_FLUSHED", "queued updates were not all written within " + DRAIN, e);
        }
        while (System.nanoTime() < deadline && (tally.fanOutReceived.sum() < tally.fanOutExpected.sum()
                || live.stream().anyMatch(c -> c.pendingAcks() > 0))) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    private void closeAll() throws InterruptedException {
        List<CompletableFuture<?>> closing = connections.stream().<CompletableFuture<?>>map(DeviceConnection::close)
                .toList();
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new))
                    .get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("not every connection closed within {}; aborting the rest", CLOSE_WAIT, e);
        }
        connections.forEach(DeviceConnection::abort);
    }
}
