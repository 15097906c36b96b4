package io.syncbridge.adapter.rabbit;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.io.IOException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's channels on its connection: a confirm-mode channel for publishing, thrown away
 * after any failure, and a long-lived one through which the topology is declared. Used by the
 * relay thread only.
 */
final class RelayChannels {

    private static final Logger log = LoggerFactory.getLogger(RelayChannels.class);

    private final RabbitConfig config;
    private final RabbitConnection connection;
    private Channel publishing;
    private PublishConfirms confirms;
    private Channel topology;

    RelayChannels(RabbitConfig config, RabbitConnection connection) {
        this.config = Objects.requireNonNull(config, "config");
        this.connection = Objects.requireNonNull(connection, "connection");
    }

    /** The open publishing channel, in confirm mode, with the topology declared; throws while the broker is away. */
    Channel publishing() throws IOException {
        if (publishing != null && publishing.isOpen()) {
            return publishing;
        }
        discardPublishing();
        Connection open = connection.get();
        declareTopology(open);
        Channel fresh = create(open);
        PublishConfirms freshConfirms = new PublishConfirms();
        try {
            fresh.addConfirmListener(freshConfirms);
            fresh.addShutdownListener(freshConfirms);
            fresh.confirmSelect();
        } catch (IOException | RuntimeException e) {
            abort(fresh);
            throw e;
        }
        publishing = fresh;
        confirms = freshConfirms;
        return fresh;
    }

    /** The confirms of the channel {@link #publishing()} returned last. */
    PublishConfirms confirms() {
        if (confirms == null) {
            throw new IllegalStateException("no publishing channel is open");
        }
        return confirms;
    }

    /** Drops the publishing channel after a failure: its confirm state can no longer be trusted. */
    void discardPublishing() {
        Channel current = publishing;
        publishing = null;
        confirms = null;
        if (current != null) {
            abort(current);
        }
    }

    void closeAll() {
        discardPublishing();
        discardTopology();
    }

    /**
     * Declares the topology (again: it is idempotent) before a new publishing channel is used,
     * through a channel that stays open: after a reconnect the client re-declares recorded topology
     * through the channel it was declared on, and publishing channels do not last.
     */
    private void declareTopology(Connection open) throws IOException {
        if (topology == null || !topology.isOpen()) {
            discardTopology();
            topology = create(open);
        }
        try {
            config.topology().declareExchange(topology);
            if (config.declareExampleConsumer()) {
                config.topology().declareExampleConsumer(topology);
            }
        } catch (IOException | RuntimeException e) {
            discardTopology();
            throw e;
        }
    }

    private void discardTopology() {
        Channel current = topology;
        topology = null;
        if (current != null) {
            abort(current);
        }
    }

    private static Channel create(Connection open) throws IOException {
        Channel fresh = open.createChannel();
        if (fresh == null) {
            throw new IOException("the broker has no channel left for this connection");
        }
        return fresh;
    }

    private static void abort(Channel toClose) {
        try {
            // abort, not close: it neither waits for nor throws on a channel the broker already closed.
            toClose.abort();
        } catch (IOException | RuntimeException e) {
            log.debug("Aborting a RabbitMQ channel failed: {}", e.toString());
        }
    }
}
