package io.syncbridge.application;

import io.syncbridge.domain.error.SyncError;
import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.SessionPolicy;
import io.syncbridge.port.in.Caller;
import io.syncbridge.port.in.SessionsUseCase;
import io.syncbridge.port.out.SessionCatalogue;
import io.syncbridge.port.out.SessionCatalogue.SessionEntry;
import java.time.Instant;
import java.util.Optional;

/** Application service: the life-cycle of sessions (create, read, list, change, delete). */
final class SessionService implements SessionsUseCase {

    static final int MAX_PAGE = 100;

    private final DrivenPorts ports;
    private final SessionPolicy policy;
    private final SessionAccess access;
    private final Announcer announcer;
    private final StorageQuota quota;
    private final SecondaryWrites secondary;

    SessionService(DrivenPorts ports, SessionPolicy policy, SessionAccess access, StorageQuota quota,
                   SecondaryWrites secondary) {
        this.ports = ports;
        this.policy = policy;
        this.access = access;
        this.announcer = new Announcer(ports);
        this.quota = quota;
        this.secondary = secondary;
    }

    @Override
    public Session create(Caller caller, CreateSession command) {
        SessionAccess.requireUserCredential(caller, "create sessions");
        return createOwned(caller, command);
    }

    /** Creates a session of the caller's; ids are scoped to the owner, so only the caller's own ids can collide. */
    private Session createOwned(Caller caller, CreateSession command) {
        SessionId id = command.id().orElseGet(() -> SessionId.scoped(caller.user(), ports.ids().newId()));
        if (!id.admits(caller.user())) {
            throw new SyncError.ValidationFailed("session id is scoped to another owner");
        }
        quota.allowNewSession(caller.user());
        Session session = Session.create(id, caller.user(), command.name(), command.type(), command.settings(),
                policy, ports.clock().now());
        if (!ports.sessions().insert(session)) {
            throw new SyncError.SessionAlreadyExists(id.clientId());
        }
        catalogue(session);
        ports.metrics().sessionCreated();
        announcer.announce(new DomainEvent.SessionCreated(announcer.newEventId(), id, session.owner(),
                session.createdAt(), session.name(), session.type()));
        return session;
    }

    /**
     * The catalogue row of a new session. If it cannot be written the head is removed again, so
     * that no session exists that listings cannot show.
     */
    private void catalogue(Session session) {
        try {
            ports.catalogue().upsert(SessionEntry.of(session));
        } catch (RuntimeException e) {
            ports.sessions().delete(session.id());
            throw e;
        }
    }

    @Override
    public Session get(Caller caller, SessionId id) {
        return access.require(caller, id);
    }

    @Override
    public Session served(Caller caller, SessionId id) {
        return access.warm(caller, id).orElseGet(() -> access.require(caller, id));
    }

    @Override
    public Session open(Caller caller, SessionId id) {
        // A session this node serves is open already: its warm head answers (a device joining a
        // session whose other devices are connected here reads nothing from the store).
        Optional<Session> warm = access.warm(caller, id);
        if (warm.isPresent()) {
            return warm.get();
        }
        Optional<Session> existing = ports.sessions().load(id).filter(s -> !s.isExpired(ports.clock().now()));
        if (existing.isPresent()) {
            return access.visible(caller, existing.get());
        }
        // Only a grant for this very id creates it, and only a grant issued before the session ever
        // existed: one that names an incarnation was for a session since deleted.
        boolean creates = caller.grant().filter(g -> g.session().equals(id) && g.incarnation().isEmpty()).isPresent();
        if (!creates) {
            throw new SyncError.SessionNotFound(id.clientId());
        }
        try {
            // "custom": the v1 contract's type for a session no client described.
            return createOwned(caller, new CreateSession(Optional.of(id), "", "custom",
                    io.syncbridge.domain.session.SessionSettings.DEFAULT));
        } catch (SyncError.SessionAlreadyExists raced) {
            return access.require(caller, id);
        }
    }

    @Override
    public SessionCatalogue.Page list(Caller caller, ListSessions query) {
        SessionAccess.requireUserCredential(caller, "list sessions");
        if (query.limit() < 1 || query.limit() > MAX_PAGE) {
            throw new SyncError.ValidationFailed("limit must be between 1 and " + MAX_PAGE);
        }
        if (query.offset() < 0) {
            throw new SyncError.ValidationFailed("offset must not be negative");
        }
        return ports.catalogue().page(caller.user(), query.status(), query.type(), query.limit(), query.offset());
    }

    @Override
    public Session update(Caller caller, SessionId id, UpdateSession command) {
        Session updated = access.update(caller, id, session -> {
            Session next = session.update(command.name(), command.type(), command.status(), command.settings(),
                    policy, ports.clock().now());
            return SessionAccess.Decision.write(next, next);
        });
        ports.catalogue().upsert(SessionEntry.of(updated));
        announcer.announce(new DomainEvent.SessionUpdated(announcer.newEventId(), id, updated.owner(),
                updated.updatedAt(), updated.status().wireName()));
        return updated;
    }

    @Override
    public void delete(Caller caller, SessionId id) {
        SessionAccess.requireUserCredential(caller, "delete sessions");
        Session session = access.require(caller, id);
        // Before the head goes: should this fail, the session stays and its tokens are still refused.
        ports.grants().revokeSession(id);
        ports.sessions().delete(id);
        removeEverywhere(ports, secondary, id);
        ports.metrics().sessionEnded();
        announcer.announce(new DomainEvent.SessionDeleted(announcer.newEventId(), id, session.owner(),
                ports.clock().now()));
    }

    /**
     * Removes what other stores keep of a session whose head is gone; the registry rows go through
     * the secondary writes, behind any of that session's device writes still waiting there.
     */
    static void removeEverywhere(DrivenPorts ports, SecondaryWrites secondary, SessionId id) {
        ports.snapshots().deleteAll(id);
        ports.catalogue().remove(id);
        secondary.submit("removing the devices of " + id + " from the registry",
                () -> ports.deviceRegistry().removeAll(id));
    }

    /** The same for the expiry sweep, which runs on its own thread and may wait on the registry. */
    static void removeEverywhere(DrivenPorts ports, Announcer announcer, SessionId id) {
        ports.snapshots().deleteAll(id);
        ports.catalogue().remove(id);
        announcer.bestEffort("removing the devices of " + id + " from the registry",
                () -> ports.deviceRegistry().removeAll(id));
    }

    @Override
    public long countActive() {
        Instant now = ports.clock().now();
        return ports.catalogue().countUnexpired(now);
    }
}
