package io.syncbridge.adapter.rabbit;

/**
 * What the health probe reports about RabbitMQ. The broker is not critical: while it is down the
 * events wait in the outbox, so the server stays ready and shows the dependency as degraded.
 *
 * @param up     whether the relay's connection is open
 * @param detail the broker address (password masked) and, when down, why
 */
public record BrokerHealth(boolean up, String detail) {

    /** RabbitMQ never makes the server unready. */
    public boolean critical() {
        return false;
    }
}
