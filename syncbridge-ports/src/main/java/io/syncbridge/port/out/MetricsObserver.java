package io.syncbridge.port.out;

import io.syncbridge.domain.change.ChangeOutcome;
import java.time.Duration;

/**
 * Driven port: what the core reports for metrics. Every method has a no-op default so an
 * embedding application implements only what it watches.
 */
public interface MetricsObserver {

    MetricsObserver NONE = new MetricsObserver() {
    };

    /** A change was applied (delta apply: decide and commit), with its outcome. */
    default void changeApplied(ChangeOutcome outcome, Duration took) {
    }

    /** A change was rejected as a version conflict. */
    default void conflictDetected() {
    }

    /** A full state was served or replaced (state sync). */
    default void stateSynced(Duration took) {
    }

    /** A handoff completed; {@code latency} from request to completion. */
    default void handoffCompleted(Duration latency) {
    }

    /** An offline batch was resolved: how many changes it held and how many were accepted. */
    default void offlineBatch(int changes, int accepted) {
    }

    default void sessionCreated() {
    }

    default void sessionEnded() {
    }

    /** A compare-and-set lost a race and was retried. */
    default void commitRetried() {
    }

    /** A session the session store had lost was restored from its last checkpoint. */
    default void sessionRestored() {
    }

    /**
     * A device resumed from a version the server does not have (it lost changes it had
     * acknowledged): the device was told so and given the server's state.
     */
    default void resumedAheadOfServer() {
    }

    /**
     * An accepted change reached a watcher on this node (the gateway's connections of its session):
     * {@code sinceCommit} from the change's commit to its hand-over. Called once per watcher.
     */
    default void changeDelivered(Duration sinceCommit) {
    }

    /** The gateway's count of its open WebSocket connections, reported every few seconds. */
    default void connectionsOpen(long open) {
    }

    /** A request was answered with a server error (HTTP 5xx). */
    default void requestFailed() {
    }
}
