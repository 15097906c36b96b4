package io.syncbridge.application;

import io.syncbridge.domain.conflict.ConflictPolicy;
import io.syncbridge.domain.conflict.ConflictResolver;
import io.syncbridge.domain.session.SessionPolicy;
import io.syncbridge.domain.time.Clock;
import io.syncbridge.domain.time.IdSource;
import io.syncbridge.port.out.AccountStore;
import io.syncbridge.port.out.ChangeFeed;
import io.syncbridge.port.out.ChangeLog;
import io.syncbridge.port.out.DeviceRegistry;
import io.syncbridge.port.out.EventPublisher;
import io.syncbridge.port.out.HandoffAudit;
import io.syncbridge.port.out.OperatorAudit;
import io.syncbridge.port.out.GrantStore;
import io.syncbridge.port.out.HandoffTokenStore;
import io.syncbridge.port.out.MetricsObserver;
import io.syncbridge.port.out.PasswordHasher;
import io.syncbridge.port.out.Presence;
import io.syncbridge.port.out.RateLimiter;
import io.syncbridge.port.out.RefreshTokenStore;
import io.syncbridge.port.out.SessionCatalogue;
import io.syncbridge.port.out.SessionStore;
import io.syncbridge.port.out.SnapshotStore;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Assembles a {@link SyncBridge}: every port not given is filled with its in-memory
 * implementation, so an application swaps in only the adapters it has.
 */
public final class SyncBridgeBuilder {

    private Clock clock = Clock.system();
    private IdSource ids = IdSource.random();
    private SessionPolicy policy = SessionPolicy.DEFAULT;
    private Function<ConflictPolicy, ConflictResolver> resolvers = ConflictResolver::forPolicy;
    private SessionStore sessionStore;
    private ChangeLog changeLog;
    private ChangeFeed changeFeed;
    private SnapshotStore snapshots;
    private SessionCatalogue catalogue;
    private DeviceRegistry deviceRegistry;
    private HandoffAudit handoffAudit;
    private OperatorAudit operatorAudit;
    private HandoffTokenStore handoffTokens;
    private GrantStore grants;
    private AccountStore accounts;
    private RefreshTokenStore refreshTokens;
    private Presence presence;
    private RateLimiter rateLimiter;
    private EventPublisher events;
    private MetricsObserver metrics = MetricsObserver.NONE;
    private PasswordHasher passwordHasher;
    private Quotas quotas = Quotas.DEFAULT;
    private LoginLimits loginLimits = LoginLimits.DEFAULT;

    SyncBridgeBuilder() {
    }

    public SyncBridgeBuilder clock(Clock value) {
        this.clock = Objects.requireNonNull(value, "clock");
        return this;
    }

    public SyncBridgeBuilder ids(IdSource value) {
        this.ids = Objects.requireNonNull(value, "ids");
        return this;
    }

    public SyncBridgeBuilder policy(SessionPolicy value) {
        this.policy = Objects.requireNonNull(value, "policy");
        return this;
    }

    /** Replaces the conflict resolvers (by default the three built-in policies). */
    public SyncBridgeBuilder resolvers(Function<ConflictPolicy, ConflictResolver> value) {
        this.resolvers = Objects.requireNonNull(value, "resolvers");
        return this;
    }

    /**
     * The session store, its change log and the feed its commits publish to: they come as one
     * because a commit writes the head, appends to the log and publishes in one step.
     */
    public SyncBridgeBuilder sessionStore(SessionStore store, ChangeLog log, ChangeFeed feed) {
        this.sessionStore = Objects.requireNonNull(store, "store");
        this.changeLog = Objects.requireNonNull(log, "log");
        this.changeFeed = Objects.requireNonNull(feed, "feed");
        return this;
    }

    public SyncBridgeBuilder snapshots(SnapshotStore value) {
        this.snapshots = Objects.requireNonNull(value, "snapshots");
        return this;
    }

    public SyncBridgeBuilder catalogue(SessionCatalogue value) {
        this.catalogue = Objects.requireNonNull(value, "catalogue");
        return this;
    }

    public SyncBridgeBuilder deviceRegistry(DeviceRegistry value) {
        this.deviceRegistry = Objects.requireNonNull(value, "deviceRegistry");
        return this;
    }

    public SyncBridgeBuilder handoffAudit(HandoffAudit value) {
        this.handoffAudit = Objects.requireNonNull(value, "handoffAudit");
        return this;
    }

    public SyncBridgeBuilder operatorAudit(OperatorAudit value) {
        this.operatorAudit = Objects.requireNonNull(value, "operatorAudit");
        return this;
    }

    public SyncBridgeBuilder handoffTokens(HandoffTokenStore value) {
        this.handoffTokens = Objects.requireNonNull(value, "handoffTokens");
        return this;
    }

    /** Where the grants of access tokens live (shared by every node for revocation to reach them all). */
    public SyncBridgeBuilder grants(GrantStore value) {
        this.grants = Objects.requireNonNull(value, "grants");
        return this;
    }

    public SyncBridgeBuilder accounts(AccountStore value) {
        this.accounts = Objects.requireNonNull(value, "accounts");
        return this;
    }

    public SyncBridgeBuilder refreshTokens(RefreshTokenStore value) {
        this.refreshTokens = Objects.requireNonNull(value, "refreshTokens");
        return this;
    }

    public SyncBridgeBuilder presence(Presence value) {
        this.presence = Objects.requireNonNull(value, "presence");
        return this;
    }

    public SyncBridgeBuilder rateLimiter(RateLimiter value) {
        this.rateLimiter = Objects.requireNonNull(value, "rateLimiter");
        return this;
    }

    public SyncBridgeBuilder events(EventPublisher value) {
        this.events = Objects.requireNonNull(value, "events");
        return this;
    }

    public SyncBridgeBuilder metrics(MetricsObserver value) {
        this.metrics = Objects.requireNonNull(value, "metrics");
        return this;
    }

    public SyncBridgeBuilder passwordHasher(PasswordHasher value) {
        this.passwordHasher = Objects.requireNonNull(value, "passwordHasher");
        return this;
    }

    /** What one account may keep (sessions, snapshots, stored bytes); {@link Quotas#DEFAULT} unless given. */
    public SyncBridgeBuilder quotas(Quotas value) {
        this.quotas = Objects.requireNonNull(value, "quotas");
        return this;
    }

    /** How password checks are bounded (hashing pool, slow-down after failures); {@link LoginLimits#DEFAULT} unless given. */
    public SyncBridgeBuilder loginLimits(LoginLimits value) {
        this.loginLimits = Objects.requireNonNull(value, "loginLimits");
        return this;
    }

    public SyncBridge build() {
        InMemoryDefaults defaults = new InMemoryDefaults(clock, ids, policy);
        ActivityTimeline timeline = new ActivityTimeline(clock);
        if (sessionStore == null) {
            InMemoryDefaults.SessionStorage storage = defaults.sessionStorage();
            sessionStore = storage.store();
            changeLog = storage.log();
            changeFeed = storage.feed();
        }
        DrivenPorts ports = new DrivenPorts(sessionStore, changeLog, changeFeed,
                orElse(snapshots, defaults::snapshots), orElse(catalogue, defaults::catalogue),
                orElse(deviceRegistry, defaults::deviceRegistry), orElse(handoffAudit, defaults::handoffAudit),
                orElse(operatorAudit, defaults::operatorAudit),
                orElse(handoffTokens, defaults::handoffTokens),
                orElse(grants, defaults::grants), orElse(accounts, defaults::accounts),
                orElse(refreshTokens, defaults::refreshTokens), orElse(presence, defaults::presence),
                orElse(rateLimiter, defaults::rateLimiter), orElse(events, defaults::events),
                new ForwardingMetrics(metrics, timeline),
                orElse(passwordHasher, Pbkdf2PasswordHasher::new), clock, ids);
        return new SyncBridge(ports, policy, resolvers, quotas, loginLimits, timeline);
    }

    private static <T> T orElse(T given, Supplier<T> fallback) {
        return given != null ? given : fallback.get();
    }
}
