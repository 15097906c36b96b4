package io.syncbridge.port.in;

import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Who is asking: an authenticated user, and, when the credential was a session-scoped grant, the
 * one session (and device) it was issued for. A user reaches the sessions they own; a grant
 * narrows that to its own session, as its own device, and only the incarnation it was issued for.
 */
public record Caller(UserId user, Optional<Grant> grant) {

    public Caller {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(grant, "grant");
    }

    /**
     * What a session-scoped grant opens: {@code session}, as {@code device} when it names one, and
     * only the session created at {@code incarnation} when it names one (a session deleted and
     * created again under the same id is another session).
     */
    public record Grant(SessionId session, Optional<DeviceId> device, Optional<Instant> incarnation) {
        public Grant {
            Objects.requireNonNull(session, "session");
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(incarnation, "incarnation");
        }

        boolean opens(Session candidate) {
            return session.equals(candidate.id())
                    && incarnation.map(i -> i.toEpochMilli() == candidate.createdAt().toEpochMilli()).orElse(true);
        }
    }

    public static Caller user(UserId user) {
        return new Caller(user, Optional.empty());
    }

    public static Caller granted(UserId user, SessionId session) {
        return new Caller(user, Optional.of(new Grant(session, Optional.empty(), Optional.empty())));
    }

    public static Caller granted(UserId user, SessionId session, Optional<DeviceId> device,
                                 Optional<Instant> incarnation) {
        return new Caller(user, Optional.of(new Grant(session, device, incarnation)));
    }

    /** The session a grant opens; empty for a user credential. */
    public Optional<SessionId> grantedSession() {
        return grant.map(Grant::session);
    }

    public boolean sessionScoped() {
        return grant.isPresent();
    }

    /** Whether this caller may reach {@code session}: the caller owns it and, with a grant, the grant opens it. */
    public boolean mayAccess(Session session) {
        return session.owner().equals(user) && grant.map(g -> g.opens(session)).orElse(true);
    }

    /** Whether this caller may act as {@code device}: a grant for a device acts only as that device. */
    public boolean mayActAs(DeviceId device) {
        return grant.flatMap(Grant::device).map(device::equals).orElse(true);
    }
}
