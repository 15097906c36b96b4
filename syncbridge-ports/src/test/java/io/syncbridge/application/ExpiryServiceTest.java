package io.syncbridge.application;

import static io.syncbridge.application.CoreFixture.AS_ALICE;
import static io.syncbridge.application.CoreFixture.add;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncbridge.domain.error.SyncError;
import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.domain.session.Session;
import io.syncbridge.port.in.ExpiryUseCase.Sweep;
import io.syncbridge.port.out.ChangeFeed;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ExpiryServiceTest {

    private final CoreFixture fx = new CoreFixture();

    @Test
    void warnsOnceBeforeExpiryThenEndsTheSession() {
        Session session = fx.newSession();
        List<DomainEvent> seen = new CopyOnWriteArrayList<>();
        try (ChangeFeed.Subscription ignored = fx.core.sync().watch(AS_ALICE, session.id(), seen::add)) {
            fx.advance(Duration.ofDays(7).minusMinutes(4));
            assertThat(fx.core.expiry().sweep()).isEqualTo(new Sweep(1, 0));
            assertThat(fx.core.expiry().sweep()).isEqualTo(new Sweep(0, 0));
            fx.advance(Duration.ofMinutes(4));
            assertThat(fx.core.expiry().sweep()).isEqualTo(new Sweep(0, 1));
        }
        assertThat(seen).extracting(DomainEvent::name).containsExactly("session.expiring", "session.expired");
        assertThatThrownBy(() -> fx.core.sessions().get(AS_ALICE, session.id()))
                .isInstanceOf(SyncError.SessionNotFound.class);
        assertThat(fx.core.sessions().countActive()).isZero();
    }

    @Test
    void aSessionInUseIsNotExpired() {
        Session session = fx.newSession();
        fx.advance(Duration.ofDays(6));
        fx.core.sync().apply(AS_ALICE, session.id(), fx.change("m1", 0, add("/a", 1)));
        fx.advance(Duration.ofDays(2));
        assertThat(fx.core.expiry().sweep()).isEqualTo(new Sweep(0, 0));
        assertThat(fx.core.sessions().get(AS_ALICE, session.id()).version()).isEqualTo(1);
        assertThat(fx.core.sessions().countActive()).isEqualTo(1);
    }
}
