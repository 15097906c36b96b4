package io.syncbridge.domain.session;

import io.syncbridge.domain.change.AppliedChange;
import io.syncbridge.domain.change.Change;
import io.syncbridge.domain.change.ChangeOutcome;
import io.syncbridge.domain.change.MutationId;
import io.syncbridge.domain.conflict.ConflictResolver;
import io.syncbridge.domain.conflict.Resolution;
import io.syncbridge.domain.device.Admission;
import io.syncbridge.domain.device.DeviceDescription;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.device.DeviceRoster;
import io.syncbridge.domain.error.SyncError;
import io.syncbridge.domain.handoff.Handoff;
import io.syncbridge.domain.handoff.HandoffId;
import io.syncbridge.domain.state.JsonObject;
import io.syncbridge.domain.state.JsonPointer;
import io.syncbridge.domain.state.PatchOperation;
import io.syncbridge.domain.state.StateDocument;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A user's live session: its state and version, its devices and which one holds it. Immutable:
 * every rule returns the next session. {@code version} counts accepted state changes;
 * {@code revision} counts every write of any kind and is what stores compare-and-set on, so that
 * a device joining and a state change racing each other cannot overwrite one another.
 */
public record Session(SessionId id, UserId owner, String name, String type, SessionStatus status,
                      SessionSettings settings, StateDocument state, long version, long revision,
                      DeviceRoster devices, Optional<DeviceId> activeDevice, Optional<DeviceId> lastModifiedBy,
                      Instant createdAt, Instant updatedAt, Optional<Instant> completedAt, Instant expiresAt) {

    public static final int MAX_NAME = 200;
    public static final int MAX_TYPE = 64;

    public Session {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(devices, "devices");
        Objects.requireNonNull(activeDevice, "activeDevice");
        Objects.requireNonNull(lastModifiedBy, "lastModifiedBy");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(completedAt, "completedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        name = bounded("session name", name, MAX_NAME);
        type = bounded("session type", type, MAX_TYPE);
        if (version < 0 || revision < 0) {
            throw new IllegalArgumentException("version and revision must not be negative");
        }
    }

    /** A new, empty session at version 0. */
    public static Session create(SessionId id, UserId owner, String name, String type, SessionSettings settings,
                                 SessionPolicy policy, Instant now) {
        return new Session(id, owner, name, type, SessionStatus.ACTIVE, settings, StateDocument.EMPTY, 0, 1,
                DeviceRoster.EMPTY, Optional.empty(), Optional.empty(), now, now, Optional.empty(),
                now.plus(policy.sessionTtl()));
    }

    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    public boolean isOwnedBy(UserId user) {
        return owner.equals(user);
    }

    /**
     * Decides an incoming change: on the current version it applies; on an older one the resolver
     * decides, given the changes since its base ({@code since}, empty when the log does not reach).
     * Throws VersionConflict when rejected, and the state errors when the operations cannot apply.
     */
    public AcceptedChange accept(Change change, Optional<List<AppliedChange>> since, ConflictResolver resolver,
                                 SessionPolicy policy, Instant now) {
        requireWritable(now);
        if (change.baseVersion() > version) {
            throw new SyncError.VersionConflict(change.baseVersion(), version, List.of());
        }
        ChangeOutcome outcome = ChangeOutcome.APPLIED;
        if (change.baseVersion() < version) {
            Resolution resolution = resolver.resolve(change, version, since, state);
            switch (resolution) {
                case Resolution.Reject reject ->
                        throw new SyncError.VersionConflict(change.baseVersion(), version, reject.conflicts());
                case Resolution.Apply apply -> outcome = apply.outcome();
            }
        }
        return commitOperations(change.operations(), change.mutationId(), change.deviceId(), outcome, policy, now);
    }

    /** Replaces the whole state (a checked PUT, a restore): one change that replaces the root. */
    public AcceptedChange replaceState(JsonObject root, MutationId mutationId, DeviceId by, SessionPolicy policy,
                                       Instant now) {
        requireWritable(now);
        return commitOperations(List.of(new PatchOperation.Replace(JsonPointer.ROOT, root)), mutationId, by,
                ChangeOutcome.APPLIED, policy, now);
    }

    private AcceptedChange commitOperations(List<PatchOperation> operations, MutationId mutationId, DeviceId by,
                                            ChangeOutcome outcome, SessionPolicy policy, Instant now) {
        AppliedChange applied = new AppliedChange(version + 1, mutationId, by, operations, now);
        return new AcceptedChange(withChange(state.apply(operations, policy.stateLimits()), applied, policy), applied,
                outcome);
    }

    /**
     * The session this one becomes when {@code change}, accepted on it, is replayed (a node that
     * keeps a head current from the change feed): the same result as the decision that accepted it.
     * Throws IllegalArgumentException when the change is not the next version.
     */
    public Session followedBy(AppliedChange change, SessionPolicy policy) {
        if (change.version() != version + 1) {
            throw new IllegalArgumentException("change " + change.version() + " does not follow version " + version);
        }
        return withChange(state.apply(change.operations(), policy.stateLimits()), change, policy);
    }

    private Session withChange(StateDocument next, AppliedChange change, SessionPolicy policy) {
        Instant at = change.appliedAt();
        return new Session(id, owner, name, type, status, settings, next, change.version(), revision + 1,
                devices.touch(change.deviceId(), at), activeDevice, Optional.of(change.deviceId()), createdAt, at,
                completedAt, at.plus(policy.sessionTtl()));
    }

    /** Attaches a device (see {@link DeviceRoster#admit}); the first device becomes the active one. */
    public Admitted admit(DeviceId device, DeviceDescription description, SessionPolicy policy, Instant now) {
        requireOpen(now);
        Admission admission = devices.admit(device, description, policy.maxDevices(), settings.evictionPolicy(), now);
        Optional<DeviceId> active = activeDevice
                .filter(a -> admission.evicted().map(e -> !e.id().equals(a)).orElse(true))
                .or(() -> Optional.of(device));
        return new Admitted(next(admission.roster(), active, policy, now), admission);
    }

    /** The session with the device marked offline (its last connection closed). */
    public Session disconnect(DeviceId device, Instant now) {
        return new Session(id, owner, name, type, status, settings, state, version, revision + 1,
                devices.disconnect(device, now), activeDevice, lastModifiedBy, createdAt, updatedAt, completedAt,
                expiresAt);
    }

    /** Detaches a device for good; if it held the session, no device is active afterwards. */
    public Session removeDevice(DeviceId device, SessionPolicy policy, Instant now) {
        if (!devices.contains(device)) {
            throw new SyncError.DeviceNotFound(device.value());
        }
        return next(devices.without(device), activeDevice.filter(a -> !a.equals(device)), policy, now);
    }

    /** Moves the active role to {@code to}, which must be a device of this session. */
    public HandedOff handOff(HandoffId handoffId, DeviceId to, Instant startedAt, SessionPolicy policy, Instant now) {
        requireOpen(now);
        if (!devices.contains(to)) {
            throw new SyncError.DeviceNotFound(to.value());
        }
        DeviceId from = activeDevice.orElse(null);
        Session session = next(devices.touch(to, now), Optional.of(to), policy, now);
        return new HandedOff(session, new Handoff(handoffId, id, from, to, version, startedAt, now));
    }

    /** Changes the descriptive fields; completing a session stamps its completion time. */
    public Session update(Optional<String> newName, Optional<String> newType, Optional<SessionStatus> newStatus,
                          Optional<SessionSettings> newSettings, SessionPolicy policy, Instant now) {
        requireOpen(now);
        SessionStatus nextStatus = newStatus.orElse(status);
        Optional<Instant> completed = nextStatus == SessionStatus.COMPLETED
                ? completedAt.or(() -> Optional.of(now))
                : (nextStatus == SessionStatus.ARCHIVED ? completedAt : Optional.empty());
        return new Session(id, owner, newName.orElse(name), newType.orElse(type), nextStatus,
                newSettings.orElse(settings), state, version, revision + 1, devices, activeDevice, lastModifiedBy,
                createdAt, now, completed, now.plus(policy.sessionTtl()));
    }

    private Session next(DeviceRoster roster, Optional<DeviceId> active, SessionPolicy policy, Instant now) {
        return new Session(id, owner, name, type, status, settings, state, version, revision + 1, roster, active,
                lastModifiedBy, createdAt, now, completedAt, now.plus(policy.sessionTtl()));
    }

    private void requireOpen(Instant now) {
        if (isExpired(now)) {
            throw new SyncError.SessionExpired(id.value());
        }
    }

    private void requireWritable(Instant now) {
        requireOpen(now);
        if (!status.acceptsChanges()) {
            throw new SyncError.InvalidState("session is " + status.wireName() + " and takes no state changes");
        }
    }

    private static String bounded(String what, String text, int max) {
        String value = text == null ? "" : text.strip();
        if (value.length() > max) {
            throw new SyncError.ValidationFailed(what + " must be at most " + max + " characters");
        }
        return value;
    }

    /** A session after a device joined, with the admission's details. */
    public record Admitted(Session session, Admission admission) {
    }

    /** A session after a handoff, with the handoff. */
    public record HandedOff(Session session, Handoff handoff) {
    }
}
