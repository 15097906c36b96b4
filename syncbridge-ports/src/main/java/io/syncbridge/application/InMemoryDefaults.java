package io.syncbridge.application;

import io.syncbridge.domain.session.SessionPolicy;
import io.syncbridge.domain.time.Clock;
import io.syncbridge.domain.time.IdSource;
import io.syncbridge.inmemory.InMemoryAccountStore;
import io.syncbridge.inmemory.InMemoryChangeFeed;
import io.syncbridge.inmemory.InMemoryDeviceRegistry;
import io.syncbridge.inmemory.InMemoryEventLog;
import io.syncbridge.inmemory.InMemoryHandoffAudit;
import io.syncbridge.inmemory.InMemoryOperatorAudit;
import io.syncbridge.inmemory.InMemoryGrantStore;
import io.syncbridge.inmemory.InMemoryHandoffTokenStore;
import io.syncbridge.inmemory.InMemoryPresence;
import io.syncbridge.inmemory.InMemoryRateLimiter;
import io.syncbridge.inmemory.InMemoryRefreshTokenStore;
import io.syncbridge.inmemory.InMemorySessionCatalogue;
import io.syncbridge.inmemory.InMemorySessionStore;
import io.syncbridge.inmemory.InMemorySnapshotStore;
import io.syncbridge.port.out.AccountStore;
import io.syncbridge.port.out.ChangeFeed;
import io.syncbridge.port.out.ChangeLog;
import io.syncbridge.port.out.DeviceRegistry;
import io.syncbridge.port.out.EventPublisher;
import io.syncbridge.port.out.HandoffAudit;
import io.syncbridge.port.out.OperatorAudit;
import io.syncbridge.port.out.GrantStore;
import io.syncbridge.port.out.HandoffTokenStore;
import io.syncbridge.port.out.Presence;
import io.syncbridge.port.out.RateLimiter;
import io.syncbridge.port.out.RefreshTokenStore;
import io.syncbridge.port.out.SessionCatalogue;
import io.syncbridge.port.out.SessionStore;
import io.syncbridge.port.out.SnapshotStore;

/** The in-memory implementation of each driven port, made on demand for {@link SyncBridgeBuilder}. */
final class InMemoryDefaults {

    private final Clock clock;
    private final IdSource ids;
    private final SessionPolicy policy;

    InMemoryDefaults(Clock clock, IdSource ids, SessionPolicy policy) {
        this.clock = clock;
        this.ids = ids;
        this.policy = policy;
    }

    /** The session store with its log and the feed it publishes to. */
    record SessionStorage(SessionStore store, ChangeLog log, ChangeFeed feed) {
    }

    SessionStorage sessionStorage() {
        InMemoryChangeFeed feed = new InMemoryChangeFeed();
        InMemorySessionStore store = new InMemorySessionStore(feed, clock, policy);
        return new SessionStorage(store, store, feed);
    }

    SnapshotStore snapshots() {
        return new InMemorySnapshotStore(clock);
    }

    SessionCatalogue catalogue() {
        return new InMemorySessionCatalogue();
    }

    DeviceRegistry deviceRegistry() {
        return new InMemoryDeviceRegistry();
    }

    HandoffAudit handoffAudit() {
        return new InMemoryHandoffAudit();
    }

    OperatorAudit operatorAudit() {
        return new InMemoryOperatorAudit();
    }

    HandoffTokenStore handoffTokens() {
        return new InMemoryHandoffTokenStore(clock);
    }

    GrantStore grants() {
        return new InMemoryGrantStore(clock);
    }

    AccountStore accounts() {
        return new InMemoryAccountStore();
    }

    RefreshTokenStore refreshTokens() {
        return new InMemoryRefreshTokenStore();
    }

    Presence presence() {
        return new InMemoryPresence(clock);
    }

    RateLimiter rateLimiter() {
        return new InMemoryRateLimiter(clock);
    }

    EventPublisher events() {
        return new InMemoryEventLog();
    }
}
