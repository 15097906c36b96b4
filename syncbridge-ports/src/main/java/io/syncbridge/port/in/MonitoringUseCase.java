package io.syncbridge.port.in;

import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.port.out.ChangeFeed;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Driving port: what an operator sees of every session, whoever owns it (the server's console and
 * its metrics). There is no {@link Caller}: the adapter that offers this must authenticate its
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
