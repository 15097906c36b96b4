package io.syncbridge.port.out.contract;

import static io.syncbridge.port.out.contract.Fixtures.deviceId;
import static io.syncbridge.port.out.contract.Fixtures.sessionId;
import static io.syncbridge.port.out.contract.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.handoff.Handoff;
import io.syncbridge.domain.handoff.HandoffId;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.port.out.HandoffAudit;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@link HandoffAudit}. Every handoff audit adapter subclasses it.
 *
 * <p>What the contract decides where the port's Javadoc leaves room: {@code list} is newest first
 * by {@code completedAt} (the suite gives distinct times); every field round-trips, including a
 * missing {@code fromDevice}.
 *
 * <p>{@link #create} is called before each test and must give an audit over empty data.
 */
public abstract class HandoffAuditContract {

    protected final MutableClock clock = new MutableClock();
    private HandoffAudit audit;

    /** An audit trail over empty data. */
    protected abstract HandoffAudit create(MutableClock clock);

    /** Called after each test: release or empty what {@link #create} made. */
    protected void cleanUp() throws Exception {
    }

    @BeforeEach
    final void createAudit() {
        audit = create(clock);
    }

    @AfterEach
    final void cleanUpAudit() throws Exception {
        cleanUp();
    }

    protected final HandoffAudit audit() {
        return audit;
    }

    @Test
    void recordedHandoffsListWholeNewestFirst() {
        SessionId session = sessionId();
        Handoff first = handoff(session, null, deviceId(), 0);
        Handoff second = handoff(session, first.toDevice(), deviceId(), 1);
        Handoff third = handoff(session, second.toDevice(), first.toDevice(), 2);

        audit.record(second);
        audit.record(first);
        audit.record(third);

        assertThat(audit.list(session, 10)).containsExactly(third, second, first);
    }

    @Test
    void handoffWithoutSourceDeviceKeepsItAbsent() {
        SessionId session = sessionId();
        Handoff handoff = handoff(session, null, deviceId(), 0);

        audit.record(handoff);

        assertThat(audit.list(session, 1)).singleElement()
                .satisfies(h -> assertThat(h.fromDevice()).isNull())
                .isEqualTo(handoff);
    }

    @Test
    void listStopsAtTheLimit() {
        SessionId session = sessionId();
        audit.record(handoff(session, deviceId(), deviceId(), 0));
        Handoff middle = handoff(session, deviceId(), deviceId(), 1);
        Handoff newest = handoff(session, deviceId(), deviceId(), 2);
        audit.record(middle);
        audit.record(newest);

        assertThat(audit.list(session, 2)).containsExactly(newest, middle);
        assertThat(audit.list(session, 0)).isEmpty();
    }

    @Test
    void listsOnlyTheSessionsHandoffs() {
        SessionId session = sessionId();
        Handoff mine = handoff(session, deviceId(), deviceId(), 0);
        audit.record(mine);
        audit.record(handoff(sessionId(), deviceId(), deviceId(), 1));

        assertThat(audit.list(session, 10)).containsExactly(mine);
        assertThat(audit.list(sessionId(), 10)).isEmpty();
    }

    /** A handoff completed {@code secondsAfterNow} seconds from now, 42 ms after it started. */
    private Handoff handoff(SessionId session, DeviceId from, DeviceId to, int secondsAfterNow) {
        Instant completed = clock.now().plus(Duration.ofSeconds(secondsAfterNow));
        return new Handoff(new HandoffId(unique("handoff")), session, from, to, 10L + secondsAfterNow,
                completed.minusMillis(42), completed);
    }
}
