package io.syncbridge.application;

import static io.syncbridge.application.CoreFixture.AS_ALICE;
import static io.syncbridge.application.CoreFixture.AS_BOB;
import static io.syncbridge.application.CoreFixture.add;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.domain.change.AppliedChange;
import io.syncbridge.domain.device.DeviceDescription;
import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.domain.handoff.Handoff;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.snapshot.Snapshot;
import io.syncbridge.port.in.MonitoringUseCase;
import io.syncbridge.port.out.SessionCatalogue;
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

    @Test
    void searchFindsEveryOwnersSessionsByAPartOfTheOwnerAndPagesThem() {
        Session alicesFirst = fx.newSession();
        fx.advance(Duration.ofSeconds(1));
        Session alicesSecond = fx.newSession();
        fx.advance(Duration.ofSeconds(1));
        fx.core.sessions().create(AS_BOB, new CreateSession(Optional.empty(), "Run", "workout", SessionSettings.DEFAULT));
        fx.core.sync().apply(AS_ALICE, alicesFirst.id(), fx.change("m1", 0, add("/a", 1)));

        MonitoringUseCase.SessionPage page = fx.core.monitoring().search(
                new SessionCatalogue.Search("LIC", SessionCatalogue.SortKey.CREATED, false, 1, 0));
        MonitoringUseCase.SessionPage next = fx.core.monitoring().search(
                new SessionCatalogue.Search("lic", SessionCatalogue.SortKey.CREATED, false, 1, 1));

        assertThat(page.total()).isEqualTo(2);
        assertThat(page.sessions()).extracting(Session::id).containsExactly(alicesFirst.id());
        assertThat(page.sessions().get(0).version()).as("as its head holds it now").isEqualTo(1);
        assertThat(next.sessions()).extracting(Session::id).containsExactly(alicesSecond.id());
    }

    @Test
    void detailShowsDevicesOnlineRecentChangesNewestFirstSnapshotsAndHandoffs() {
        Session session = fx.newSession();
        fx.core.devices().connect(AS_ALICE, session.id(), CoreFixture.PHONE, DeviceDescription.UNKNOWN, "c1");
        fx.core.devices().connect(AS_ALICE, session.id(), CoreFixture.LAPTOP, DeviceDescription.UNKNOWN, "c2");
        fx.core.devices().disconnect(session.id(), CoreFixture.LAPTOP, "c2");
        fx.core.sync().apply(AS_ALICE, session.id(), fx.change("m1", 0, add("/a", 1)));
        fx.core.snapshots().create(AS_ALICE, session.id(), "after a");
        fx.core.sync().apply(AS_ALICE, session.id(), fx.change("m2", 1, add("/b", 2)));
        fx.core.handoffs().handOff(AS_ALICE, session.id(), CoreFixture.LAPTOP);

        MonitoringUseCase.SessionDetail detail = detailOnceTheHandoffIsAudited(session.id());

        assertThat(detail.session().devices().devices()).hasSize(2);
        assertThat(detail.online()).containsExactly(CoreFixture.PHONE);
        assertThat(detail.recentChanges()).extracting(AppliedChange::version).containsExactly(2L, 1L);
        assertThat(detail.snapshots()).extracting(Snapshot::label).containsExactly("after a");
        assertThat(detail.snapshotCount()).isEqualTo(1);
        assertThat(detail.handoffs()).extracting(Handoff::toDevice).containsExactly(CoreFixture.LAPTOP);
        assertThat(detail.operatorActions()).isEmpty();
        assertThat(fx.core.monitoring().detail(new SessionId("nobody/none"))).isEmpty();
    }

    /**
     * The handoff audit is a secondary write, made on a thread of its own after the handoff
     * returns, so the detail is read once it holds the handoff (or the wait gives up and the
     * assertions say what is missing).
     */
    private MonitoringUseCase.SessionDetail detailOnceTheHandoffIsAudited(SessionId id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        MonitoringUseCase.SessionDetail detail = fx.core.monitoring().detail(id).orElseThrow();
        while (detail.handoffs().isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            Thread.yield();
            detail = fx.core.monitoring().detail(id).orElseThrow();
        }
        return detail;
    }

    @Test
    void timelineCountsTheChangesAndHandoffsTheCoreMade() {
        Session session = fx.newSession();
        fx.core.devices().connect(AS_ALICE, session.id(), CoreFixture.PHONE, DeviceDescription.UNKNOWN, "c1");
        try (ChangeFeed.Subscription ignored = fx.core.sync().watch(AS_ALICE, session.id(), event -> { })) {
            fx.core.sync().apply(AS_ALICE, session.id(), fx.change("m1", 0, add("/a", 1)));
            fx.core.sync().apply(AS_ALICE, session.id(), fx.change("m2", 1, add("/b", 1)));
        }
        fx.core.handoffs().handOff(AS_ALICE, session.id(), CoreFixture.PHONE);
        fx.core.metrics().connectionsOpen(4);
        fx.advance(Duration.ofSeconds(5));

        MonitoringUseCase.TimelinePoint step = fx.core.monitoring().timeline().points().get(0);

        assertThat(step.changes()).isEqualTo(2);
        assertThat(step.handoffs()).isEqualTo(1);
        assertThat(step.connections()).hasValue(4);
        assertThat(step.fanOutP50Millis()).as("each watched change's hand-over is timed").isPresent();
    }
}
