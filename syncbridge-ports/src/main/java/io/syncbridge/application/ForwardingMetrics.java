package io.syncbridge.application;

import io.syncbridge.domain.change.ChangeOutcome;
import io.syncbridge.port.out.MetricsObserver;
import java.time.Duration;
import java.util.Objects;

/** Metrics observer: reports everything to the configured observer and to the activity timeline of the console's charts. */
final class ForwardingMetrics implements MetricsObserver {

    private final MetricsObserver configured;
    private final ActivityTimeline timeline;

    ForwardingMetrics(MetricsObserver configured, ActivityTimeline timeline) {
        this.configured = Objects.requireNonNull(configured, "configured");
        this.timeline = Objects.requireNonNull(timeline, "timeline");
    }

    @Override
    public void changeApplied(ChangeOutcome outcome, Duration took) {
        configured.changeApplied(outcome, took);
        timeline.changeApplied(outcome, took);
    }

    @Override
    public void conflictDetected() {
        configured.conflictDetected();
    }

    @Override
    public void stateSynced(Duration took) {
        configured.stateSynced(took);
    }

    @Override
    public void handoffCompleted(Duration latency) {
        configured.handoffCompleted(latency);
        timeline.handoffCompleted(latency);
    }

    @Override
    public void offlineBatch(int changes, int accepted) {
        configured.offlineBatch(changes, accepted);
    }

    @Override
    public void sessionCreated() {
        configured.sessionCreated();
    }

    @Override
    public void sessionEnded() {
        configured.sessionEnded();
    }

    @Override
    public void commitRetried() {
        configured.commitRetried();
    }

    @Override
    public void sessionRestored() {
        configured.sessionRestored();
    }

    @Override
    public void resumedAheadOfServer() {
        configured.resumedAheadOfServer();
    }

    @Override
    public void changeDelivered(Duration sinceCommit) {
        configured.changeDelivered(sinceCommit);
        timeline.changeDelivered(sinceCommit);
    }

    @Override
    public void connectionsOpen(long open) {
        configured.connectionsOpen(open);
        timeline.connectionsOpen(open);
    }

    @Override
    public void requestFailed() {
        configured.requestFailed();
        timeline.requestFailed();
    }
}
