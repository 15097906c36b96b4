package io.syncbridge.inmemory;

import static io.syncbridge.port.out.contract.Fixtures.deviceId;
import static io.syncbridge.port.out.contract.Fixtures.sessionId;
import static io.syncbridge.port.out.contract.Fixtures.unique;
import static io.syncbridge.port.out.contract.Fixtures.userId;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.domain.handoff.HandoffToken;
import io.syncbridge.port.out.contract.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InMemoryHandoffTokenStoreTest {

    private final MutableClock clock = new MutableClock();
    private final InMemoryHandoffTokenStore store = new InMemoryHandoffTokenStore(clock);

    @Test
    void savingDropsExpiredUnclaimedTokens() {
        store.save(token(Duration.ofMinutes(1)));
        store.save(token(Duration.ofMinutes(10)));
        clock.advance(Duration.ofMinutes(1));

        store.save(token(Duration.ofMinutes(1)));

        assertThat(store.size()).isEqualTo(2);
    }

    private HandoffToken token(Duration ttl) {
        return new HandoffToken(unique("token"), sessionId(), userId(), deviceId(), clock.now(), clock.now().plus(ttl));
    }
}
