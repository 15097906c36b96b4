package io.syncbridge.application;

import io.syncbridge.domain.change.AppliedChange;
import io.syncbridge.domain.change.Change;
import io.syncbridge.domain.change.ChangeOutcome;
import io.syncbridge.domain.change.MutationId;
import io.syncbridge.domain.conflict.ConflictPolicy;
import io.syncbridge.domain.conflict.ConflictResolver;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.error.PathConflict;
import io.syncbridge.domain.error.SyncError;
import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.domain.session.AcceptedChange;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.SessionPolicy;
import io.syncbridge.domain.state.JsonObject;
import io.syncbridge.domain.state.PatchOperation;
import io.syncbridge.port.in.Caller;
import io.syncbridge.port.in.CatchUp;
import io.syncbridge.port.in.ChangeResult;
import io.syncbridge.port.in.StateSyncUseCase;
import io.syncbridge.port.out.ChangeFeed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Application service: the hot path of state changes. Load the head, drop retries, resolve
 * against the change log, commit by compare-and-set (deciding again after a lost race); the store
 * fans the accepted change out, then the event goes to the outbox.
 */
final class StateSyncService implements StateSyncUseCase {

    private final DrivenPorts ports;
    private final SessionPolicy policy;
    private final SessionAccess access;
    private final Function<ConflictPolicy, ConflictResolver> resolvers;
    private final Announcer announcer;
    private final StorageQuota quota;

    StateSyncService(DrivenPorts ports, SessionPolicy policy, SessionAccess access,
                     Function<ConflictPolicy, ConflictResolver> resolvers, StorageQuota quota) {
        this.ports = ports;
        this.policy = policy;
        this.access = access;
        this.resolvers = resolvers;
        this.announcer = new Announcer(ports);
        this.quota = quota;
    }

    @Override
    public ChangeResult apply(Caller caller, SessionId id, Change change) {
        long started = System.nanoTime();
        ChangeResult result = decideAndCommit(caller, id, change.mutationId(), change.deviceId(), change.baseVersion(),
                session -> accept(session, change));
        report(result, started);
        return result;
    }

    @Override
    public ChangeResult applyUnversioned(Caller caller, SessionId id, MutationId mutationId,
                                         List<PatchOperation> operations, DeviceId by) {
        long started = System.nanoTime();
        ChangeResult result = decideAndCommit(caller, id, mutationId, by, -1, session -> session.accept(
                new Change(mutationId, session.version(), operations, by, ports.clock().now()), Optional.empty(),
                resolvers.apply(session.settings().conflictPolicy()), policy, ports.clock().now()));
        report(result, started);
        return result;
    }

    @Override
    public List<ChangeResult> applyBatch(Caller caller, SessionId id, List<Change> changes) {
        List<ChangeResult> results = new ArrayList<>(changes.size());
        for (Change change : changes) {
            results.add(apply(caller, id, change));
        }
        long accepted = results.stream().filter(r -> !(r instanceof ChangeResult.Rejected)).count();
        ports.metrics().offlineBatch(changes.size(), (int) accepted);
        return results;
    }

    @Override
    public ChangeResult replace(Caller caller, SessionId id, JsonObject state, OptionalLong expectedVersion,
                                MutationId mutationId, DeviceId by) {
        long started = System.nanoTime();
        ChangeResult result = decideAndCommit(caller, id, mutationId, by, expectedVersion.orElse(-1), session -> {
            if (expectedVersion.isPresent() && expectedVersion.getAsLong() != session.version()) {
                throw new SyncError.VersionConflict(expectedVersion.getAsLong(), session.version(), List.of());
            }
            return session.replaceState(state, mutationId, by, policy, ports.clock().now());
        });
        if (result instanceof ChangeResult.Accepted accepted) {
            ports.metrics().stateSynced(Duration.ofNanos(System.nanoTime() - started));
            // A whole-state replace (REST PUT, snapshot restore) is a change like any other for consumers.
            announcer.announce(DomainEvent.stateChanged(accepted.session(),
                    accepted.change()));
        }
        return result;
    }

    private AcceptedChange accept(Session session, Change change) {
        Optional<List<AppliedChange>> since = change.baseVersion() < session.version()
                ? access.heads().since(session, change.baseVersion())
                        .or(() -> ports.changeLog().since(session.id(), change.baseVersion()))
                : Optional.of(List.of());
        return session.accept(change, since, resolvers.apply(session.settings().conflictPolicy()), policy,
                ports.clock().now());
    }

    /**
     * The loop every state write shares: the session decides on the head as known, and the store
     * commits only if the head is unchanged and the mutation id is new. The first decision uses the
     * head this node keeps warm when it serves the session (no read from the store); a commit it
     * loses, or a rejection decided on it, is decided again on a freshly loaded head. A refused
     * commit, or a rejection (a retry of an accepted change looks stale), is when a retry is asked
     * after, so an accepted change on a warm head costs one commit, and a stale decision is never
     * stored.
     */
    private ChangeResult decideAndCommit(Caller caller, SessionId id, MutationId mutationId, DeviceId device,
                                         long baseVersion, Function<Session, AcceptedChange> decide) {
        SessionAccess.requireActingAs(caller, device);
        boolean lookForEarlier = false;
        boolean warm = true;
        for (int attempt = 1; ; attempt++) {
            Optional<Session> known = warm ? access.warm(caller, id) : Optional.empty();
            Session session = known.isPresent() ? known.get() : access.require(caller, id);
            if (lookForEarlier) {
                Optional<Long> earlier = ports.sessions().appliedVersion(id, mutationId);
                if (earlier.isPresent()) {
                    return new ChangeResult.Duplicate(mutationId, earlier.get());
                }
            }
            AcceptedChange accepted;
            try {
                accepted = decide.apply(session);
                quota.allowStateChange(session, accepted.session());
            } catch (SyncError.VersionConflict | SyncError.InvalidPath | SyncError.InvalidState
                     | SyncError.StateTooLarge | SyncError.ValidationFailed | SyncError.QuotaExceeded refused) {
                if (known.isPresent() && !standsOnAnyLaterHead(refused)) {
                    warm = false; // decided on a head the store may have passed: decide on the store's
                    access.heads().forget(id);
                    continue;
                }
                Optional<Long> earlier = lookForEarlier ? Optional.empty()
                        : ports.sessions().appliedVersion(id, mutationId);
                if (earlier.isPresent()) {
                    return new ChangeResult.Duplicate(mutationId, earlier.get());
                }
                if (refused instanceof SyncError.VersionConflict conflict) {
                    announceConflict(session, mutationId, device, conflict);
                }
                return new ChangeResult.Rejected(mutationId, baseVersion, refused);
            }
            access.heads().committing(session, accepted.session(), accepted.applied());
            if (ports.sessions().commit(session.revision(), accepted.session(), Optional.of(accepted.applied()))) {
                access.heads().remember(accepted.session(), accepted.applied());
                access.committed(session, accepted.session());
                return new ChangeResult.Accepted(accepted);
            }
            ports.metrics().commitRetried();
            access.heads().forget(id);
            warm = false;
            lookForEarlier = true;
            if (attempt >= SessionAccess.MAX_ATTEMPTS) {
                throw new IllegalStateException("session " + id + " could not be written after " + attempt + " attempts");
            }
        }
    }

    /**
     * A conflict the resolver found with the changes since the base: the store's head can only be
     * the warm one followed by more changes, so deciding again there would find it too. (A base
     * ahead of the head, or a state error, may well be the warm head's fault: those are decided
     * again on the store's.)
     */
    private static boolean standsOnAnyLaterHead(SyncError refused) {
        return refused instanceof SyncError.VersionConflict conflict
                && conflict.baseVersion() <= conflict.currentVersion();
    }

    private void announceConflict(Session session, MutationId mutationId, DeviceId device,
                                  SyncError.VersionConflict conflict) {
        ports.metrics().conflictDetected();
        announcer.announce(new DomainEvent.ConflictDetected(announcer.newEventId(), session.id(),
                session.owner(), ports.clock().now(), mutationId, device, conflict.baseVersion(),
                conflict.currentVersion(), conflict.conflicts().stream().map(PathConflict::path).toList()));
    }

    private void report(ChangeResult result, long startedNanos) {
        if (result instanceof ChangeResult.Accepted accepted) {
            ports.metrics().changeApplied(accepted.outcome(), Duration.ofNanos(System.nanoTime() - startedNanos));
            announcer.announce(DomainEvent.stateChanged(accepted.session(),
                    accepted.change()));
        } else if (result instanceof ChangeResult.Duplicate) {
            ports.metrics().changeApplied(ChangeOutcome.DUPLICATE, Duration.ofNanos(System.nanoTime() - startedNanos));
        }
    }

    @Override
    public CatchUp since(Caller caller, SessionId id, long afterVersion) {
        Session session = access.require(caller, id);
        return catchUp(session, afterVersion);
    }

    private CatchUp catchUp(Session session, long afterVersion) {
        if (afterVersion > session.version()) {
            // The device saw more than the server holds: the server lost acknowledged changes.
            ports.metrics().resumedAheadOfServer();
            return new CatchUp.Reset(session, true);
        }
        if (afterVersion < 0) {
            return new CatchUp.Reset(session);
        }
        if (afterVersion == session.version()) {
            return new CatchUp.Changes(afterVersion, afterVersion, List.of());
        }
        Optional<List<AppliedChange>> changes = ports.changeLog().since(session.id(), afterVersion);
        if (changes.isEmpty()) {
            return new CatchUp.Reset(session);
        }
        List<AppliedChange> upToHead = changes.get().stream().filter(c -> c.version() <= session.version()).toList();
        if (upToHead.isEmpty() || upToHead.get(0).version() != afterVersion + 1) {
            return new CatchUp.Reset(session);
        }
        return new CatchUp.Changes(afterVersion, upToHead.get(upToHead.size() - 1).version(), upToHead);
    }

    @Override
    public CatchUp await(Caller caller, SessionId id, long afterVersion, Duration timeout)
            throws InterruptedException {
        access.require(caller, id);
        CountDownLatch changed = new CountDownLatch(1);
        try (ChangeFeed.Subscription ignored = ports.feed().subscribe(id, event -> {
            if (event instanceof DomainEvent.StateChanged state && state.change().version() > afterVersion) {
                changed.countDown();
            }
        })) {
            // Subscribed before looking, so a change committed in between is not missed.
            CatchUp now = since(caller, id, afterVersion);
            if (!(now instanceof CatchUp.Changes c) || !c.changes().isEmpty() || timeout.isZero()) {
                return now;
            }
            changed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        return since(caller, id, afterVersion);
    }

    /** The listener, reporting how long each accepted change took from its commit to having been handed over (the fan-out). */
    private Consumer<DomainEvent> timed(Consumer<DomainEvent> listener) {
        return event -> {
            listener.accept(event);
            if (event instanceof DomainEvent.StateChanged changed) {
                ports.metrics().changeDelivered(Duration.between(changed.change().appliedAt(), ports.clock().now()));
            }
        };
    }

    @Override
    public ChangeFeed.Subscription watch(Caller caller, SessionId id, Consumer<DomainEvent> listener) {
        // The node serves the session while someone watches it here: keep its head warm meanwhile,
        // starting with the one read now (retained first, so that the read is kept).
        ChangeFeed.Subscription head = access.heads().retain(id);
        ChangeFeed.Subscription events;
        try {
            access.require(caller, id);
            events = ports.feed().subscribe(id, timed(listener));
        } catch (RuntimeException e) {
            head.close();
            throw e;
        }
        return () -> {
            events.close();
            head.close();
        };
    }
}
