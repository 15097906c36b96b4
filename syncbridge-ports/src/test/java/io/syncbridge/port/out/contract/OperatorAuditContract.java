package io.syncbridge.port.out.contract;

import static io.syncbridge.port.out.contract.Fixtures.sessionId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncbridge.domain.session.SessionId;
import io.syncbridge.port.out.OperatorAudit;
import io.syncbridge.port.out.OperatorAudit.ActionKind;
import io.syncbridge.port.out.OperatorAudit.OperatorAction;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@link OperatorAudit}. Every operator audit adapter subclasses it.
 *
 * <p>What the contract decides where the port's Javadoc leaves room: newest first is the order
 * recorded (the suite records in time order); every field round-trips.
 *
 * <p>{@link #create} is called before each test and must give an audit over empty data.
 */
public abstract class OperatorAuditContract {

    protected final MutableClock clock = new MutableClock();
    private OperatorAudit audit;

    /** An operator audit over empty data. */
    protected abstract OperatorAudit create(MutableClock clock);

    @BeforeEach
    final void createAudit() {
        audit = create(clock);
    }

    protected final OperatorAudit audit() {
        return audit;
    }

    @Test
    void recordedActionsListWholeNewestFirst() {
        SessionId session = sessionId();
        OperatorAction removed = action(session, ActionKind.REMOVE_DEVICE, "phone");
        OperatorAction restored = action(session, ActionKind.RESTORE_SNAPSHOT, "snap-1");
        OperatorAction ended = action(session, ActionKind.END_SESSION, "");

        assertThat(audit.recent(10)).containsExactly(ended, restored, removed);
        assertThat(audit.recent(2)).containsExactly(ended, restored);
    }

    @Test
    void aSessionsTrailHoldsOnlyItsOwnActions() {
        SessionId one = sessionId();
        SessionId other = sessionId();
        OperatorAction first = action(one, ActionKind.REMOVE_DEVICE, "phone");
        action(other, ActionKind.END_SESSION, "");
        OperatorAction second = action(one, ActionKind.RESTORE_SNAPSHOT, "snap-1");

        assertThat(audit.forSession(one, 10)).containsExactly(second, first);
        assertThat(audit.forSession(sessionId(), 10)).isEmpty();
        assertThat(audit.forSession(one, 0)).isEmpty();
    }

    @Test
    void aNegativeLimitIsRefused() {
        assertThatThrownBy(() -> audit.recent(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    private OperatorAction action(SessionId session, ActionKind kind, String subject) {
        OperatorAction action = new OperatorAction("ops", kind, session, subject, clock.advance(Duration.ofSeconds(1)),
                "done");
        audit.record(action);
        return action;
    }
}
