package io.syncbridge.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.handoff.Handoff;
import io.syncbridge.domain.handoff.HandoffId;
import io.syncbridge.domain.session.SessionId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemoryHandoffAuditTest {

    private static final SessionId SESSION = new SessionId("s");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static Handoff handoff(int n) {
        return new Handoff(new HandoffId("h" + n), SESSION, new DeviceId("a"), new DeviceId("b"), n,
                T0.plusSeconds(n), T0.plusSeconds(n));
    }

    @Test
    void keepsOnlyTheMostRecentHandoffsOfASession() {
        InMemoryHandoffAudit audit = new InMemoryHandoffAudit(3);
        for (int n = 1; n <= 5; n++) {
            audit.record(handoff(n));
        }
        assertThat(audit.list(SESSION, 10)).extracting(h -> h.id().value()).containsExactly("h5", "h4", "h3");
    }

    @Test
    void aDroppedHandoffRecordedAgainIsKeptAgain() {
        InMemoryHandoffAudit audit = new InMemoryHandoffAudit(1);
        audit.record(handoff(1));
        audit.record(handoff(2));
        audit.record(handoff(1));
        assertThat(audit.list(SESSION, 10)).extracting(h -> h.id().value()).containsExactly("h1");
    }
}
