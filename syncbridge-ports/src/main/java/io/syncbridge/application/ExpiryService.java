package io.syncbridge.application;

import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.SessionPolicy;
import io.syncbridge.port.in.ExpiryUseCase;
import io.syncbridge.port.out.SessionCatalogue.SessionEntry;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Application service: the expiry sweep. The catalogue says which sessions may be due; the head
 * has the last word (a change extends a session without touching the catalogue, so the sweep
 * refreshes the catalogue from the head when they disagree).
 */
final class ExpiryService implements ExpiryUseCase {

    private static final int BATCH = 500;

    private final DrivenPorts ports;
    private final SessionPolicy policy;
    private final Announcer announcer;
    /** The expiry each session was last warned about, so one expiry is announced once per node. */
    private final Map<SessionId, Instant> warned = new ConcurrentHashMap<>();

    ExpiryService(DrivenPorts ports, SessionPolicy policy) {
        this.ports = ports;
        this.policy = policy;
        this.announcer = new Announcer(ports);
    }

    @Override
    public Sweep sweep() {
        Instant now = ports.clock().now();
        int warnedNow = 0;
        int expired = 0;
        for (SessionEntry entry : ports.catalogue().expiringBy(now.plus(policy.expiryWarning()), BATCH)) {
            Optional<Session> head = ports.sessions().load(entry.id());
            if (head.isEmpty() && entry.expiresAt().isAfter(now)) {
                ports.catalogue().remove(entry.id());
            } else if (head.isEmpty() || head.get().isExpired(now)) {
                expire(entry, head, now);
                expired++;
            } else if (head.get().expiresAt().isAfter(now.plus(policy.expiryWarning()))) {
                ports.catalogue().upsert(SessionEntry.of(head.get()));
            } else if (!head.get().expiresAt().equals(warned.get(entry.id()))) {
                warned.put(entry.id(), head.get().expiresAt());
                announcer.announce(new DomainEvent.SessionExpiring(announcer.newEventId(), entry.id(),
                        entry.owner(), now, head.get().expiresAt()));
                warnedNow++;
            }
        }
        return new Sweep(warnedNow, expired);
    }

    private void expire(SessionEntry entry, Optional<Session> head, Instant now) {
        ports.sessions().delete(entry.id());
        SessionService.removeEverywhere(ports, announcer, entry.id());
        warned.remove(entry.id());
        ports.metrics().sessionEnded();
        Instant expiredAt = head.map(Session::expiresAt).orElse(entry.expiresAt());
        announcer.announce(new DomainEvent.SessionExpired(announcer.newEventId(), entry.id(), entry.owner(), now,
                expiredAt));
    }
}
