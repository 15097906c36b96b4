package io.syncbridge.client;

import io.syncbridge.domain.change.ChangeOutcome;

/** The server accepted a change: the version it produced and how (applied, rebased, or a retry it already had). */
public record ChangeAck(String mutationId, long version, ChangeOutcome outcome) {
}
