package io.syncbridge.port.in;

import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.UserId;
import java.util.Objects;
import java.util.Optional;

/**
 * Who is asking: an authenticated user, and the one session a session-scoped grant opens for
 * them, if the credential was such a grant. A caller reaches the sessions it owns or is granted.
 */
public record Caller(UserId user, Optional<SessionId> grantedSession) {

    public Caller {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(grantedSession, "grantedSession");
    }

    public static Caller user(UserId user) {
        return new Caller(user, Optional.empty());
    }

    public static Caller granted(UserId user, SessionId session) {
        return new Caller(user, Optional.of(session));
    }

    public boolean mayAccess(SessionId session, UserId owner) {
        return owner.equals(user) || grantedSession.map(session::equals).orElse(false);
    }
}
