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
        return nextRevision().state(next).version(change.version()).devices(devices.touch(change.deviceId(), at))
                .lastModifiedBy(Optional.of(change.deviceId())).updatedAt(at).expiresAt(at.plus(policy.sessionTtl()))
                .build();
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
        return nextRevision().devices(devices.disconnect(device, now)).build();
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
        return nextRevision().name(newName.orElse(name)).type(newType.orElse(type)).status(nextStatus)
                .settings(newSettings.orElse(settings)).updatedAt(now).completedAt(completed)
                .expiresAt(now.plus(policy.sessionTtl())).build();
    }

    private Session next(DeviceRoster roster, Optional<DeviceId> active, SessionPolicy policy, Instant now) {
        return nextRevision().devices(roster).activeDevice(active).updatedAt(now)
                .expiresAt(now.plus(policy.sessionTtl())).build();
    }

    /** This session as a builder one revision on: every rule's next session is written through it. */
    private Builder nextRevision() {
        return toBuilder().revision(revision + 1);
    }

    /** This session, to change some fields by name (stores and fixtures rebuilding a head). */
    public Builder toBuilder() {
        return new Builder(this);
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

    /** A session's fields by name: starts as a copy of one session, each setter replaces one field. */
    public static final class Builder {
        private SessionId id;
        private UserId owner;
        private String name;
        private String type;
        private SessionStatus status;
        private SessionSettings settings;
        private StateDocument state;
        private long version;
        private long revision;
        private DeviceRoster devices;
        private Optional<DeviceId> activeDevice;
        private Optional<DeviceId> lastModifiedBy;
        private Instant createdAt;
        private Instant updatedAt;
        private Optional<Instant> completedAt;
        private Instant expiresAt;

        private Builder(Session from) {
            id = from.id;
            owner = from.owner;
            name = from.name;
            type = from.type;
            status = from.status;
            settings = from.settings;
            state = from.state;
            version = from.version;
            revision = from.revision;
            devices = from.devices;
            activeDevice = from.activeDevice;
            lastModifiedBy = from.lastModifiedBy;
            createdAt = from.createdAt;
            updatedAt = from.updatedAt;
            completedAt = from.completedAt;
            expiresAt = from.expiresAt;
        }

        public Builder id(SessionId value) {
            id = value;
            return this;
        }

        public Builder name(String value) {
            name = value;
            return this;
        }

        public Builder type(String value) {
            type = value;
            return this;
        }

        public Builder status(SessionStatus value) {
            status = value;
            return this;
        }

        public Builder settings(SessionSettings value) {
            settings = value;
            return this;
        }

        public Builder state(StateDocument value) {
            state = value;
            return this;
        }

        public Builder version(long value) {
            version = value;
            return this;
        }

        public Builder revision(long value) {
            revision = value;
            return this;
        }

        public Builder devices(DeviceRoster value) {
            devices = value;
            return this;
        }

        public Builder activeDevice(Optional<DeviceId> value) {
            activeDevice = value;
            return this;
        }

        public Builder lastModifiedBy(Optional<DeviceId> value) {
            lastModifiedBy = value;
            return this;
        }

        public Builder updatedAt(Instant value) {
            updatedAt = value;
            return this;
        }

        public Builder completedAt(Optional<Instant> value) {
            completedAt = value;
            return this;
        }

        public Builder expiresAt(Instant value) {
            expiresAt = value;
            return this;
        }

        public Session build() {
            return new Session(id, owner, name, type, status, settings, state, version, revision, devices,
                    activeDevice, lastModifiedBy, createdAt, updatedAt, completedAt, expiresAt);
        }
    }
}
