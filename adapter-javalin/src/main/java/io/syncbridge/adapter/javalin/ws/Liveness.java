package io.syncbridge.adapter.javalin.ws;

import io.micrometer.core.instrument.Counter;
import io.syncbridge.domain.error.SyncError;
import io.syncbridge.port.in.DevicesUseCase;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.WebSocketConnection;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pings every connection each heartbeat interval and closes those that sent nothing at all (not
 * even a pong) for the heartbeat timeout. Javalin does not pass pongs on, so "sent something" is
 * read from the socket's received-byte count, which a pong moves; a live connection also refreshes
 * its device's presence.
 */
final class Liveness {

    private static final Logger LOG = LoggerFactory.getLogger(Liveness.class);

    private final Collection<Connection> connections;
    private final DevicesUseCase devices;
    private final ServerTime time;
    private final Duration interval;
    private final Duration timeout;
    private final Counter errors;
    private ScheduledExecutorService ticker;

    Liveness(Collection<Connection> connections, DevicesUseCase devices, ServerTime time, Duration interval,
             Duration timeout, Counter errors) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.devices = Objects.requireNonNull(devices, "devices");
        this.time = Objects.requireNonNull(time, "time");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.errors = Objects.requireNonNull(errors, "errors");
    }

    synchronized void start() {
        if (ticker != null) {
            return;
        }
        ticker = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("ws-liveness").factory());
        long period = Math.max(50, Math.min(interval.toMillis(), timeout.toMillis()) / 4);
        ticker.scheduleAtFixedRate(this::tick, period, period, TimeUnit.MILLISECONDS);
    }

    synchronized void stop() {
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
    }

    private void tick() {
        Instant now = time.now();
        for (Connection connection : connections) {
            try {
                check(connection, now);
            } catch (RuntimeException e) {
                LOG.warn("Connection {}: liveness check failed", connection.id, e);
            }
        }
    }

    private void check(Connection connection, Instant now) {
        if (connection.isClosed()) {
            return;
        }
        long bytesIn = bytesIn(connection.socket);
        boolean active = bytesIn != connection.lastBytesIn;
        if (active) {
            connection.lastBytesIn = bytesIn;
            connection.lastAlive = now;
        }
        if (bytesIn >= 0 && !now.isBefore(connection.lastAlive.plus(timeout))) {
            errors.increment();
            LOG.debug("Connection {}: nothing received for {} s, closing", connection.id, timeout.toSeconds());
            connection.closeNow(Connection.GOING_AWAY, "No pong within the heartbeat timeout");
            return;
        }
        if (!now.isBefore(connection.lastPing.plus(interval))) {
            boolean aliveSinceLastPing = connection.lastAlive.isAfter(connection.lastPing);
            connection.lastPing = now;
            connection.socket.sendPing(ByteBuffer.allocate(0), Callback.NOOP);
            Binding binding = connection.binding();
            if (binding != null && aliveSinceLastPing) {
                connection.submit(() -> refreshPresence(connection, binding));
            }
        }
    }

    private void refreshPresence(Connection connection, Binding binding) {
        try {
            devices.heartbeat(binding.session(), binding.device(), connection.id);
        } catch (SyncError e) {
            LOG.debug("Connection {}: presence refresh failed: {}", connection.id, e.getMessage());
        }
    }

    /** Bytes received on the socket so far; -1 where Jetty does not tell (then Jetty's idle timeout decides). */
    static long bytesIn(Session socket) {
        if (socket instanceof WebSocketSession session
                && session.getCoreSession() instanceof WebSocketCoreSession core) {
            WebSocketConnection connection = core.getConnection();
            if (connection != null) {
                return connection.getBytesIn();
            }
        }
        return -1;
    }
}
