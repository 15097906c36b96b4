package io.syncbridge.application;

import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.port.in.MonitoringUseCase;
import io.syncbridge.port.out.ChangeFeed;
import io.syncbridge.port.out.SessionCatalogue;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Application service: the operator's view of every session. The catalogue says which sessions
 * there are; the heads say what they hold now; the change feed says what happens to them.
 */
final class MonitoringService implements MonitoringUseCase {

    private final DrivenPorts ports;

    MonitoringService(DrivenPorts ports) {
        this.ports = Objects.requireNonNull(ports, "ports");
    }

    @Override
    public List<Session> latestSessions(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
        Instant now = ports.clock().now();
        return ports.catalogue().latest(now, limit).stream()
                .map(entry -> ports.sessions().load(entry.id()))
                .flatMap(Optional::stream)
                .filter(session -> !session.isExpired(now))
                .toList();
    }

    @Override
    public Optional<Session> session(SessionId id) {
        Objects.requireNonNull(id, "id");
        Instant now = ports.clock().now();
        return ports.sessions().load(id).filter(session -> !session.isExpired(now));
    }

    @Override
    public ChangeFeed.Subscription watch(SessionId id, Consumer<DomainEvent> listener) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(listener, "listener");
        return ports.feed().subscribe(id, listener);
    }

    @Override
    public Retention retention() {
        Instant now = ports.clock().now();
        SessionCatalogue.Cohort cohort = ports.catalogue().cohort(now.minus(RETENTION_PERIOD),
                now.minus(RETENTION_MARK), RETENTION_MARK);
        return new Retention(cohort.created(), cohort.usedLater());
    }
}
