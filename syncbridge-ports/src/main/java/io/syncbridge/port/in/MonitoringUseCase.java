package io.syncbridge.port.in;

import io.syncbridge.domain.change.AppliedChange;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.domain.handoff.Handoff;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.snapshot.Snapshot;
import io.syncbridge.port.out.ChangeFeed;
import io.syncbridge.port.out.OperatorAudit;
import io.syncbridge.port.out.SessionCatalogue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Driving port: what an operator sees of every session, whoever owns it (the server's console and
 * its metrics): the newest sessions, a search, one session in detail, and this node's activity. There is no {@link Caller}: the adapter that offers this must authenticate its
 * operators itself.
 */
public interface MonitoringUseCase {

    /** Sessions this long after creation and later no longer count as new ones. */
    Duration RETENTION_MARK = Duration.ofMinutes(5);

    /** The cohort the retention figure looks at: sessions created in the last day (minus the mark). */
    Duration RETENTION_PERIOD = Duration.ofHours(24);

    /**
     * The newest sessions that are not expired, of every owner, at most {@code limit}, as their
     * heads hold them now (state, version, devices, active device).
     */
    List<Session> latestSessions(int limit);

    /** One session's head, if it exists and is not expired. */
    Optional<Session> session(SessionId id);

    /** Receives the session's events (from every node) until the subscription is closed. */
    ChangeFeed.Subscription watch(SessionId id, Consumer<DomainEvent> listener);

    /**
     * Of the sessions created between {@link #RETENTION_PERIOD} and {@link #RETENTION_MARK} ago,
     * how many there are and how many were used (a state change, a device joining, a handoff, a
     * change of name or status) more than {@link #RETENTION_MARK} after their creation.
     */
    Retention retention();

    /**
     * A page of the sessions of every owner that are not expired, found by a part of their owner or
     * id, sorted and paged in the catalogue, each as its head holds it now.
     */
    SessionPage search(SessionCatalogue.Search search);

    /**
     * Everything an operator looks at about one session: its head, which of its devices are online,
     * its newest changes, snapshots and handoffs, and what operators did to it; empty when it does
     * not exist or has expired.
     */
    Optional<SessionDetail> detail(SessionId id);

    /** This node's activity over the last {@link Timeline#WINDOW}, for an operator's charts. */
    Timeline timeline();

    /**
     * One page of a search: the sessions of the page (fewer than the catalogue's entries when a head
     * is already gone), and how many matched in all.
     */
    record SessionPage(List<Session> sessions, long total) {
        public SessionPage {
            sessions = List.copyOf(sessions);
        }
    }

    /** What {@link #detail} shows of a session; every list newest first. */
    record SessionDetail(Session session, Set<DeviceId> online, List<AppliedChange> recentChanges,
                         List<Snapshot> snapshots, int snapshotCount, List<Handoff> handoffs,
                         List<OperatorAudit.OperatorAction> operatorActions) {
        /** How many of each list a detail holds at most. */
        public static final int SHOWN = 20;

        public SessionDetail {
            Objects.requireNonNull(session, "session");
            online = Set.copyOf(online);
            recentChanges = List.copyOf(recentChanges);
            snapshots = List.copyOf(snapshots);
            handoffs = List.copyOf(handoffs);
            operatorActions = List.copyOf(operatorActions);
        }
    }

    /** This node's activity, {@link #STEP} by step, oldest first; the last point is the step under way. */
    record Timeline(Instant now, Duration step, List<TimelinePoint> points) {
        public static final Duration STEP = Duration.ofSeconds(5);
        public static final Duration WINDOW = Duration.ofMinutes(15);

        public Timeline {
            Objects.requireNonNull(now, "now");
            Objects.requireNonNull(step, "step");
            points = List.copyOf(points);
        }
    }

    /**
     * One step of the timeline, from {@code start} over {@code covered} (the whole step, or as much
     * of it as has passed): accepted changes, completed handoffs and server errors counted, the
     * gateway's last count of open connections, and the median and 99th percentile of the time from
     * a change's commit to its hand-over to the node's watchers.
     */
    record TimelinePoint(Instant start, Duration covered, long changes, long handoffs, long errors,
                         OptionalLong connections, OptionalDouble fanOutP50Millis, OptionalDouble fanOutP99Millis) {
        public TimelinePoint {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(covered, "covered");
            Objects.requireNonNull(connections, "connections");
            Objects.requireNonNull(fanOutP50Millis, "fanOutP50Millis");
            Objects.requireNonNull(fanOutP99Millis, "fanOutP99Millis");
        }

        /** {@code count} per second of what this step covered (a step just begun counts as one second). */
        public double perSecond(long count) {
            double seconds = Math.max(1.0, covered.toMillis() / 1_000.0);
            return count / seconds;
        }
    }

    /** The figures of the retention rate. */
    record Retention(long eligible, long retained) {
        public Retention {
            if (eligible < 0 || retained < 0 || retained > eligible) {
                throw new IllegalArgumentException("retention needs 0 <= retained <= eligible: " + retained + "/" + eligible);
            }
        }

        /** retained / eligible; NaN when no session is eligible. */
        public double rate() {
            return eligible == 0 ? Double.NaN : (double) retained / eligible;
        }
    }
}
