package io.syncbridge.adapter.rabbit;

/**
 * A snapshot of the relay's counters since it was created, for the server's metrics. The outbox
 * depth and the age of its oldest event come from {@link io.syncbridge.port.out.EventOutbox#depth()}.
 *
 * @param published events handed to the broker (a retried event counts again)
 * @param confirmed events the broker confirmed, which the outbox then marked published
 * @param failed    events whose delivery attempt failed and will be retried
 * @param appendFailed events the publisher could not record in the outbox (lost: see the logs)
 */
public record RelayCounters(long published, long confirmed, long failed, long appendFailed) {
}
