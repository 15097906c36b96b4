package io.syncbridge.port.in;

import io.syncbridge.port.out.MetricsObserver;
import io.syncbridge.port.out.RateLimiter;

/**
 * Driving port: the whole core as a driving adapter sees it, every use case in one place. A
 * gateway takes this, not the application class behind it, so it reaches the core only through ports.
 */
public interface UseCases {

    SessionsUseCase sessions();

    StateSyncUseCase sync();

    DevicesUseCase devices();

    HandoffUseCase handoffs();

    SnapshotsUseCase snapshots();

    AccountsUseCase accounts();

    ExpiryUseCase expiry();

    GrantsUseCase grants();

    MonitoringUseCase monitoring();

    /** What operators do to sessions (the console's actions), each recorded in the operator audit. */
    OperatorActionsUseCase operatorActions();

    /** The limiter shared by every node, for limits a gateway enforces at its edge. */
    RateLimiter rateLimiter();

    /** Where a gateway reports the timings it measures itself (a full state served, for example). */
    MetricsObserver metrics();
}
