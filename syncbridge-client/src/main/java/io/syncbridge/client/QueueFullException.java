package io.syncbridge.client;

/** Thrown by {@code change} when the pending queue holds its maximum: nothing was applied or queued. */
public final class QueueFullException extends IllegalStateException {
    QueueFullException(int capacity) {
        super("The client's queue holds " + capacity + " pending changes, its maximum; wait for the server to "
                + "acknowledge some (the session is offline or slow) or raise maxPendingChanges");
    }
}
