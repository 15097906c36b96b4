package io.syncbridge.adapter.rabbit;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one AMQP connection of the relay. The client recovers a connection it once had (and its
 * channels and topology) by itself; a broker that is down at start is retried here, lazily,
 * each time the relay asks for the connection.
 */
final class RabbitConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RabbitConnection.class);
    private static final int CLOSE_TIMEOUT_MILLIS = 2_000;

    private final RabbitConfig config;
    private final ConnectionFactory factory;
    private volatile Connection connection;
    private volatile String lastProblem = "not connected yet";

    RabbitConnection(RabbitConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.factory = factoryFor(config);
    }

    static ConnectionFactory factoryFor(RabbitConfig config) {
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(config.url());
        } catch (URISyntaxException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("RabbitMQ URL " + config.redactedUrl() + " is not usable: " + e.getMessage(), e);
        }
        if (factory.getVirtualHost().isEmpty()) {
            // "amqp://host:5672/" names the empty vhost by the URI spec; everybody means the default one.
            factory.setVirtualHost("/");
        }
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        factory.setNetworkRecoveryInterval(config.recoveryInterval().toMillis());
        factory.setConnectionTimeout((int) Math.min(Integer.MAX_VALUE, config.confirmTimeout().toMillis()));
        factory.setRequestedHeartbeat(30);
        return factory;
    }

    /** The open connection, connecting first if there is none yet; throws while the broker is unreachable. */
    Connection get() throws IOException {
        Connection current = connection;
        if (current == null) {
            current = connect();
        }
        if (!current.isOpen()) {
            // Automatic recovery is under way (or gave up on a connection closed by the broker).
            throw new IOException("connection to " + config.redactedUrl() + " is not open (recovering)");
        }
        return current;
    }

    private synchronized Connection connect() throws IOException {
        if (connection != null) {
            return connection;
        }
        try {
            Connection fresh = factory.newConnection("syncbridge-outbox-relay");
            fresh.addShutdownListener(cause -> {
                if (!cause.isInitiatedByApplication()) {
                    lastProblem = "connection lost: " + cause.getMessage();
                    log.warn("RabbitMQ connection to {} lost, the client reconnects by itself: {}",
                            config.redactedUrl(), cause.getMessage());
                }
            });
            log.info("Connected to RabbitMQ at {}", config.redactedUrl());
            connection = fresh;
            return fresh;
        } catch (IOException | TimeoutException e) {
            lastProblem = "cannot connect: " + e;
            throw new IOException("cannot connect to RabbitMQ at " + config.redactedUrl() + ": " + e, e);
        }
    }

    boolean isOpen() {
        Connection current = connection;
        return current != null && current.isOpen();
    }

    /** Why the connection is not open, for the health probe. */
    String lastProblem() {
        return lastProblem;
    }

    @Override
    public synchronized void close() {
        Connection current = connection;
        connection = null;
        if (current == null) {
            return;
        }
        try {
            current.close(CLOSE_TIMEOUT_MILLIS);
        } catch (IOException | RuntimeException e) {
            log.warn("Closing the RabbitMQ connection to {} failed: {}", config.redactedUrl(), e.toString());
        }
    }
}
