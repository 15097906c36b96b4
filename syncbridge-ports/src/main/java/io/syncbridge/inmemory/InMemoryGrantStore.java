package io.syncbridge.inmemory;

import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.time.Clock;
import io.syncbridge.port.out.GrantStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Predicate;

/**
 * Grant store adapter: live grants in a map by id; a revocation removes the matching ones, and a
 * grant whose {@code expiresAt} the injected clock has reached is never returned.
 */
public final class InMemoryGrantStore implements GrantStore {

    /** Where a grant stands in the order of expiry. */
    private record Expiry(Instant at, String grantId) {
    }

    private static final Comparator<Expiry> EARLIEST_FIRST =
            Comparator.comparing(Expiry::at).thenComparing(Expiry::grantId);

    private final ConcurrentHashMap<String, Grant> grants = new ConcurrentHashMap<>();
    /**
     * The grants by expiry, so that each issue drops the expired ones from the front in O(log n)
     * each: sweeping the whole map per issue made opening n devices cost O(n²) (every WebSocket
     * that authenticates with a token minted elsewhere is issued a grant).
     */
    private final ConcurrentSkipListSet<Expiry> byExpiry = new ConcurrentSkipListSet<>(EARLIEST_FIRST);
    private final Clock clock;

    public InMemoryGrantStore(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void issue(Grant grant) {
        Objects.requireNonNull(grant, "grant");
        // Dropping the expired ones here bounds the map by the grants still live.
        dropExpired(clock.now());
        Grant replaced = grants.put(grant.id(), grant);
        if (replaced != null) {
            byExpiry.remove(new Expiry(replaced.expiresAt(), replaced.id()));
        }
        byExpiry.add(new Expiry(grant.expiresAt(), grant.id()));
    }

    private void dropExpired(Instant now) {
        for (Expiry first = earliest(); first != null && !now.isBefore(first.at()); first = earliest()) {
            Instant at = first.at();
            if (byExpiry.remove(first)) {
                // Only the grant this entry stands for: an id issued again since has an entry of its own.
                grants.computeIfPresent(first.grantId(), (id, g) -> g.expiresAt().equals(at) ? null : g);
            }
        }
    }

    /** The entry that expires first, or null when there is none (another thread may empty the set meanwhile). */
    private Expiry earliest() {
        return byExpiry.ceiling(new Expiry(Instant.MIN, ""));
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
        grants.values().removeIf(g -> {
            if (!matches.test(g)) {
                return false;
            }
            byExpiry.remove(new Expiry(g.expiresAt(), g.id()));
            return true;
        });
    }

    /** How many grants the store holds, expired ones not yet dropped included (for tests of its bound). */
    int size() {
        return grants.size();
    }
}
