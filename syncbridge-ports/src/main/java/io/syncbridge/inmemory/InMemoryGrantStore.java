package io.syncbridge.inmemory;

import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.time.Clock;
import io.syncbridge.port.out.GrantStore;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Grant store adapter: live grants in a map by id; a revocation removes the matching ones, and a
 * grant whose {@code expiresAt} the injected clock has reached is never returned.
 */
public final class InMemoryGrantStore implements GrantStore {

    private final ConcurrentHashMap<String, Grant> grants = new ConcurrentHashMap<>();
    private final Clock clock;

    public InMemoryGrantStore(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void issue(Grant grant) {
        Objects.requireNonNull(grant, "grant");
        // Dropping the expired ones here bounds the map by the grants still live.
        grants.values().removeIf(g -> g.isExpired(clock.now()));
        grants.put(grant.id(), grant);
    }

    @Override
    public Optional<Grant> find(String grantId) {
        Objects.requireNonNull(grantId, "grantId");
        return Optional.ofNullable(grants.get(grantId)).filter(g -> !g.isExpired(clock.now()));
    }

    @Override
    public void revokeDevice(SessionId session, DeviceId device) {
        revokeWhere(g -> g.session().equals(Optional.of(session)) && g.device().equals(Optional.of(device)));
    }

    @Override
    public void revokeSession(SessionId session) {
        revokeWhere(g -> g.session().equals(Optional.of(session)));
    }

    @Override
    public void revokeFamily(String familyId) {
        revokeWhere(g -> g.family().equals(Optional.of(familyId)));
    }

    private void revokeWhere(Predicate<Grant> matches) {
        grants.values().removeIf(matches);
    }
}
