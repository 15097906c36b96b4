package io.syncbridge.inmemory;

import static io.syncbridge.port.out.contract.Fixtures.deviceId;
import static io.syncbridge.port.out.contract.Fixtures.sessionId;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.domain.session.SessionId;
import io.syncbridge.port.out.contract.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InMemoryPresenceTest {

    private final MutableClock clock = new MutableClock();
    private final InMemoryPresence presence = new InMemoryPresence(clock);

    @Test
    void sessionWhoseEntriesAllLapsedIsForgotten() {
        SessionId session = sessionId();
        presence.connected(session, deviceId(), "conn-1", Duration.ofSeconds(30));
        clock.advance(Duration.ofSeconds(30));

        assertThat(presence.online(session)).isEmpty();

        assertThat(presence.sessions()).isZero();
    }

    @Test
    void lastDisconnectionForgetsTheSession() {
        SessionId session = sessionId();
        var device = deviceId();
        presence.connected(session, device, "conn-1", Duration.ofSeconds(30));

        presence.disconnected(session, device, "conn-1");

        assertThat(presence.sessions()).isZero();
    }
}
