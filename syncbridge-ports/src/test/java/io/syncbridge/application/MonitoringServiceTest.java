package io.syncbridge.application;

import static io.syncbridge.application.CoreFixture.AS_ALICE;
import static io.syncbridge.application.CoreFixture.AS_BOB;
import static io.syncbridge.application.CoreFixture.add;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionSettings;
import io.syncbridge.port.in.MonitoringUseCase.Retention;
import io.syncbridge.port.in.SessionsUseCase.CreateSession;
import io.syncbridge.port.out.ChangeFeed;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class MonitoringServiceTest {

    private final CoreFixture fx = new CoreFixture();

    @Test
    void retentionCountsSessionsUsedMoreThanFiveMinutesAfterTheirCreation() {
        Session usedEarlyOnly = fx.newSession();
        Session usedLate = fx.newSession();
        fx.newSession(); // never used
        fx.advance(Duration.ofMinutes(2));
        fx.core.sync().apply(AS_ALICE, usedEarlyOnly.id(), fx.change("early", 0, add("/a", 1)));
        fx.advance(Duration.ofMinutes(4));
        fx.core.sync().apply(AS_ALICE, usedLate.id(), fx.change("late", 0, add("/a", 1)));
        fx.core.sync().apply(AS_ALICE, usedLate.id(), fx.change("later", 1, add("/b", 1)));
        fx.newSession();

        Retention retention = fx.core.monitoring().retention();

        assertThat(retention).isEqualTo(new Retention(3, 1));
        assertThat(retention.rate()).isEqualTo(1.0 / 3);
    }

    @Test
    void retentionLeavesOutSessionsOlderThanADay() {
        fx.newSession();
        fx.advance(Duration.ofHours(25));

        assertThat(fx.core.monitoring().retention()).isEqualTo(new Retention(0, 0));
        assertThat(fx.core.monitoring().retention().rate()).isNaN();
    }

    @Test
    void latestSessionsShowsEveryOwnersHeadsNewestFirst() {
        Session alices = fx.newSession();
        fx.core.sync().apply(AS_ALICE, alices.id(), fx.change("m1", 0, add("/a", 1)));
        fx.advance(Duration.ofSeconds(1));
        Session bobs = fx.core.sessions().create(AS_BOB, new CreateSession(Optional.empty(), "Run", "workout",
                SessionSettings.DEFAULT));

        List<Session> latest = fx.core.monitoring().latestSessions(10);

        assertThat(latest).extracting(Session::id).containsExactly(bobs.id(), alices.id());
        assertThat(latest.get(1).version()).isEqualTo(1);
        assertThat(fx.core.monitoring().latestSessions(1)).extracting(Session::id).containsExactly(bobs.id());
    }

    @Test
    void expiredSessionsAreNotShown() {
        Session session = fx.newSession();
        fx.advance(fx.core.policy().sessionTtl().plusSeconds(1));

        assertThat(fx.core.monitoring().latestSessions(10)).isEmpty();
        assertThat(fx.core.monitoring().session(session.id())).isEmpty();
    }

    @Test
    void watchDeliversAnyOwnersChanges() {
        Session session = fx.newSession();
        List<DomainEvent> seen = new CopyOnWriteArrayList<>();
        try (ChangeFeed.Subscription ignored = fx.core.monitoring().watch(session.id(), seen::add)) {
            fx.core.sync().apply(AS_ALICE, session.id(), fx.change("m1", 0, add("/a", 1)));
        }

        assertThat(seen).hasSize(1).first().isInstanceOf(DomainEvent.StateChanged.class);
        assertThat(fx.core.monitoring().session(session.id())).map(Session::version).contains(1L);
    }
}
