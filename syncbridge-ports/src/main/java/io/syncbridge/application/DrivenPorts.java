package io.syncbridge.application;

import io.syncbridge.domain.time.Clock;
import io.syncbridge.domain.time.IdSource;
import io.syncbridge.port.out.AccountStore;
import io.syncbridge.port.out.ChangeFeed;
import io.syncbridge.port.out.ChangeLog;
import io.syncbridge.port.out.DeviceRegistry;
import io.syncbridge.port.out.EventPublisher;
import io.syncbridge.port.out.GrantStore;
import io.syncbridge.port.out.HandoffAudit;
import io.syncbridge.port.out.HandoffTokenStore;
import io.syncbridge.port.out.MetricsObserver;
import io.syncbridge.port.out.PasswordHasher;
import io.syncbridge.port.out.OperatorAudit;
import io.syncbridge.port.out.Presence;
import io.syncbridge.port.out.RateLimiter;
import io.syncbridge.port.out.RefreshTokenStore;
import io.syncbridge.port.out.SessionCatalogue;
import io.syncbridge.port.out.SessionStore;
import io.syncbridge.port.out.SnapshotStore;
import java.util.Objects;

/** Every driven port the application services use, chosen once by whoever builds the core. */
public record DrivenPorts(SessionStore sessions, ChangeLog changeLog, ChangeFeed feed, SnapshotStore snapshots,
                          SessionCatalogue catalogue, DeviceRegistry deviceRegistry, HandoffAudit handoffAudit,
                          OperatorAudit operatorAudit,
                          HandoffTokenStore handoffTokens, GrantStore grants, AccountStore accounts, RefreshTokenStore refreshTokens,
                          Presence presence, RateLimiter rateLimiter, EventPublisher events, MetricsObserver metrics,
                          PasswordHasher passwordHasher, Clock clock, IdSource ids) {

    public DrivenPorts {
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(changeLog, "changeLog");
        Objects.requireNonNull(feed, "feed");
        Objects.requireNonNull(snapshots, "snapshots");
        Objects.requireNonNull(catalogue, "catalogue");
        Objects.requireNonNull(deviceRegistry, "deviceRegistry");
        Objects.requireNonNull(handoffAudit, "handoffAudit");
        Objects.requireNonNull(operatorAudit, "operatorAudit");
        Objects.requireNonNull(handoffTokens, "handoffTokens");
        Objects.requireNonNull(grants, "grants");
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(refreshTokens, "refreshTokens");
        Objects.requireNonNull(presence, "presence");
        Objects.requireNonNull(rateLimiter, "rateLimiter");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(passwordHasher, "passwordHasher");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(ids, "ids");
    }
}
