package io.syncbridge.application;

import io.syncbridge.domain.change.AppliedChange;
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
 * there are (and finds them); the heads say what they hold now; the change feed says what happens
 * to them; the activity timeline says how busy this node has been.
 */
final class MonitoringService implements MonitoringUseCase {

    /** How far back the detail's recent changes reach at most, tried in turn: the log keeps fewer for a busy session. */
    private static final int[] RECENT_CHANGE_REACH = {SessionDetail.SHOWN, 5, 1};

    private final DrivenPorts ports;
    private final ActivityTimeline timeline;

    MonitoringService(DrivenPorts ports, ActivityTimeline timeline) {
        this.ports = Objects.requireNonNull(ports, "ports");
        this.timeline = Objects.requireNonNull(timeline, "timeline");
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
    public SessionPage search(SessionCatalogue.Search search) {
        Objects.requireNonNull(search, "search");
        Instant now = ports.clock().now();
        SessionCatalogue.Page page = ports.catalogue().search(now, search);
        List<Session> sessions = page.entries().stream()
                .map(entry -> ports.sessions().load(entry.id()))
                .flatMap(Optional::stream)
                .filter(session -> !session.isExpired(now))
                .toList();
        return new SessionPage(sessions, page.total());
    }

    @Override
    public Optional<SessionDetail> detail(SessionId id) {
        return session(id).map(session -> new SessionDetail(session, ports.presence().online(id),
                recentChanges(session), ports.snapshots().list(id, SessionDetail.SHOWN, Optional.empty()),
                ports.snapshots().count(id), ports.handoffAudit().list(id, SessionDetail.SHOWN),
                ports.operatorAudit().forSession(id, SessionDetail.SHOWN)));
    }

    /** The newest changes the log still holds, newest first. */
    private List<AppliedChange> recentChanges(Session session) {
        for (int reach : RECENT_CHANGE_REACH) {
            Optional<List<AppliedChange>> since = ports.changeLog().since(session.id(),
                    Math.max(0, session.version() - reach));
            if (since.isPresent()) {
                return since.get().reversed();
            }
        }
        return List.of();
    }

    @Override
    public Timeline timeline() {
        return timeline.read();
    }

    @Override
    public Retention retention() {
        Instant now = ports.clock().now();
        SessionCatalogue.Cohort cohort = ports.catalogue().cohort(now.minus(RETENTION_PERIOD),
                now.minus(RETENTION_MARK), RETENTION_MARK);
        return new Retention(cohort.created(), cohort.usedLater());
    }
}
