package io.syncbridge.client;

/**
 * A change did not take: the server refused it (it cannot apply to the current state, e.g. it
 * removes a member that is gone), or the conflict handler dropped it. Nothing of it was applied.
 */
public final class ChangeRejectedException extends RuntimeException {

    private final String mutationId;
    private final String reason;

    ChangeRejectedException(String mutationId, String reason, String message) {
        super(message);
        this.mutationId = mutationId;
        this.reason = reason;
    }

    public String mutationId() {
        return mutationId;
    }

    /** The server's reason (e.g. {@code INVALID_PATH}, {@code VERSION_CONFLICT}) or {@code DROPPED}. */
    public String reason() {
        return reason;
    }
}
