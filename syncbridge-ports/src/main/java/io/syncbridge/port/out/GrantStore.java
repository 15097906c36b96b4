package io.syncbridge.port.out;

import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Driven port: the live grants that access tokens descend from, shared by every node, so that a
 * withdrawn grant stops every token that names it.
 *
 * <p>Guarantees: a grant is live from {@link #issue} until the injected clock reaches its
 * {@code expiresAt} or it is revoked, whichever comes first; a revocation is seen by every later
 * {@link #find} and {@link #isLive}, on every node sharing the store; a revoked or expired grant
 * is never live again unless issued anew under its id (a login's grant is re-issued, with a later
 * end, when its refresh token rotates). Revoking what does not exist changes nothing.
 */
public interface GrantStore {

    /** Records {@code grant} (replacing one of the same id), live until its {@code expiresAt}. */
    void issue(Grant grant);

    /** The grant, while it is live. */
    Optional<Grant> find(String grantId);

    /** Whether the grant is live: issued, not expired, not revoked. */
    default boolean isLive(String grantId) {
        return find(grantId).isPresent();
    }

    /** Revokes every grant issued for {@code device} of {@code session}. */
    void revokeDevice(SessionId session, DeviceId device);

    /** Revokes every grant issued for a device of {@code session}. */
    void revokeSession(SessionId session);

    /** Revokes every grant of the refresh family {@code familyId}: the login's own and the device grants minted under it. */
    void revokeFamily(String familyId);

    /**
     * A grant: for a login (no session, no device, its refresh family) or for one device of one
     * session (minted under a login's family, or under none: a handoff claim, a grant from elsewhere).
     */
    record Grant(String id, UserId user, Optional<SessionId> session, Optional<DeviceId> device,
                 Optional<String> family, Instant expiresAt) {
        public Grant {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(session, "session");
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(family, "family");
            Objects.requireNonNull(expiresAt, "expiresAt");
            if (session.isPresent() != device.isPresent()) {
                throw new IllegalArgumentException("a grant names both a session and a device, or neither");
            }
            if (session.isPresent() && !session.get().admits(user)) {
                throw new IllegalArgumentException("a grant's session must be its user's");
            }
        }

        public static Grant login(String id, UserId user, String family, Instant expiresAt) {
            return new Grant(id, user, Optional.empty(), Optional.empty(), Optional.of(family), expiresAt);
        }

        public static Grant device(String id, UserId user, SessionId session, DeviceId device,
                                   Optional<String> family, Instant expiresAt) {
            return new Grant(id, user, Optional.of(session), Optional.of(device), family, expiresAt);
        }

        public boolean isExpired(Instant now) {
            return !now.isBefore(expiresAt);
        }
    }
}
