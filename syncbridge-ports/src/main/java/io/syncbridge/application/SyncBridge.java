package io.syncbridge.application;

import io.syncbridge.domain.conflict.ConflictPolicy;
import io.syncbridge.domain.conflict.ConflictResolver;
import io.syncbridge.domain.session.SessionPolicy;
import io.syncbridge.port.in.AccountsUseCase;
import io.syncbridge.port.in.DevicesUseCase;
import io.syncbridge.port.in.ExpiryUseCase;
import io.syncbridge.port.in.GrantsUseCase;
import io.syncbridge.port.in.HandoffUseCase;
import io.syncbridge.port.in.MonitoringUseCase;
import io.syncbridge.port.in.OperatorActionsUseCase;
import io.syncbridge.port.in.SessionsUseCase;
import io.syncbridge.port.in.SnapshotsUseCase;
import io.syncbridge.port.in.StateSyncUseCase;
import io.syncbridge.port.in.UseCases;
import io.syncbridge.port.out.MetricsObserver;
import io.syncbridge.port.out.RateLimiter;
import java.util.Objects;
import java.util.function.Function;

/**
 * The embeddable core: every use case, implemented on the driven ports it is given.
 * {@code SyncBridge.inMemory()} needs no infrastructure; {@link SyncBridgeBuilder} swaps in real adapters.
 */
public final class SyncBridge implements UseCases {

    private final SessionService sessions;
    private final StateSyncService sync;
    private final DeviceService devices;
    private final HandoffService handoffs;
    private final SnapshotService snapshots;
    private final AccountService accounts;
    private final ExpiryService expiry;
    private final GrantService grants;
    private final MonitoringService monitoring;
    private final OperatorActionsService operatorActions;
    private final DrivenPorts ports;
    private final SessionPolicy policy;

    SyncBridge(DrivenPorts ports, SessionPolicy policy, Function<ConflictPolicy, ConflictResolver> resolvers,
               Quotas quotas, LoginLimits loginLimits, ActivityTimeline timeline) {
        this.ports = Objects.requireNonNull(ports, "ports");
        this.policy = Objects.requireNonNull(policy, "policy");
        SessionAccess access = new SessionAccess(ports, new SessionHeads(ports.feed(), policy));
        StorageQuota quota = new StorageQuota(ports, Objects.requireNonNull(quotas, "quotas"));
        SecondaryWrites secondary = new SecondaryWrites();
        this.sessions = new SessionService(ports, policy, access, quota, secondary);
        this.sync = new StateSyncService(ports, policy, access, resolvers, quota);
        Admissions admissions = new Admissions(ports, new Announcer(ports, access.heads()), secondary);
        this.devices = new DeviceService(ports, policy, access, secondary, admissions);
        this.handoffs = new HandoffService(ports, policy, access, secondary, admissions);
        this.snapshots = new SnapshotService(ports, policy, access, sync, quota);
        this.accounts = new AccountService(ports, Objects.requireNonNull(loginLimits, "loginLimits"));
        this.expiry = new ExpiryService(ports, policy);
        this.grants = new GrantService(ports);
        this.monitoring = new MonitoringService(ports, Objects.requireNonNull(timeline, "timeline"));
        this.operatorActions = new OperatorActionsService(ports, sessions, devices, snapshots);
    }

    /** A core on in-memory adapters with the default policy: for embedding and tests. */
    public static SyncBridge inMemory() {
        return builder().build();
    }

    public static SyncBridgeBuilder builder() {
        return new SyncBridgeBuilder();
    }

    @Override
    public SessionsUseCase sessions() {
        return sessions;
    }

    @Override
    public StateSyncUseCase sync() {
        return sync;
    }

    @Override
    public DevicesUseCase devices() {
        return devices;
    }

    @Override
    public HandoffUseCase handoffs() {
        return handoffs;
    }

    @Override
    public SnapshotsUseCase snapshots() {
        return snapshots;
    }

    @Override
    public AccountsUseCase accounts() {
        return accounts;
    }

    @Override
    public ExpiryUseCase expiry() {
        return expiry;
    }

    @Override
    public GrantsUseCase grants() {
        return grants;
    }

    /** The operator's view of every session (no caller: the adapter authenticates operators). */
    @Override
    public MonitoringUseCase monitoring() {
        return monitoring;
    }

    /** What operators do to sessions, recorded in the operator audit (no caller: the adapter authenticates operators). */
    @Override
    public OperatorActionsUseCase operatorActions() {
        return operatorActions;
    }

    @Override
    public RateLimiter rateLimiter() {
        return ports.rateLimiter();
    }

    @Override
    public MetricsObserver metrics() {
        return ports.metrics();
    }

    /** The driven ports this core runs on (for health checks and metrics in the server). */
    public DrivenPorts ports() {
        return ports;
    }

    public SessionPolicy policy() {
        return policy;
    }
}
