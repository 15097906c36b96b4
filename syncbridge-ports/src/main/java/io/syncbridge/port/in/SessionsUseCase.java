package io.syncbridge.port.in;

import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.SessionSettings;
import io.syncbridge.domain.session.SessionStatus;
import io.syncbridge.port.out.SessionCatalogue;
import java.util.Objects;
import java.util.Optional;

/** Driving port: creating, reading, listing, changing and deleting sessions. */
public interface SessionsUseCase {

    /** Creates a session owned by the caller; a missing id gets a fresh one. */
    Session create(Caller caller, CreateSession command);

    /** The session, if the caller may see it; SessionNotFound otherwise. */
    Session get(Caller caller, SessionId id);

    /**
     * The session as this node serves it: the head it keeps for a session watched here (which
     * trails the store by at most the change feed's delay), or else the store's, as {@link #get}.
     * For what a node tells a session's devices about an event it has just heard; a read that must
     * see every committed write asks {@link #get}.
     */
    Session served(Caller caller, SessionId id);

    /**
     * Opens a session for a session-scoped grant: the session, created (owned by the caller) when
     * it does not exist yet. SessionNotFound when it exists and the caller may not see it.
     */
    Session open(Caller caller, SessionId id);

    SessionCatalogue.Page list(Caller caller, ListSessions query);

    Session update(Caller caller, SessionId id, UpdateSession command);

    /** Deletes the session, its log and snapshots; its connected devices are told it ended. */
    void delete(Caller caller, SessionId id);

    /** Sessions not expired now, across all users (for the metrics). */
    long countActive();

    record CreateSession(Optional<SessionId> id, String name, String type, SessionSettings settings) {
        public CreateSession {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(settings, "settings");
        }
    }

    record UpdateSession(Optional<String> name, Optional<String> type, Optional<SessionStatus> status,
                         Optional<SessionSettings> settings) {
    }

    /** Filters and a page: {@code limit} 1 to 100, {@code offset} 0 or more. */
    record ListSessions(Optional<SessionStatus> status, Optional<String> type, int limit, int offset) {
    }
}
