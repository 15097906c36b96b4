package io.syncbridge.inmemory;

import static io.syncbridge.port.out.contract.Fixtures.event;
import static io.syncbridge.port.out.contract.Fixtures.sessionId;
import static io.syncbridge.port.out.contract.Fixtures.userId;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.UserId;
import io.syncbridge.port.out.ChangeFeed;
import io.syncbridge.port.out.contract.EventRecorder;
import io.syncbridge.port.out.contract.MutableClock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** What the in-process feed promises beyond the contract: synchronous, re-entrant, observable failures. */
class InMemoryChangeFeedTest {

    private final InMemoryChangeFeed feed = new InMemoryChangeFeed();
    private final MutableClock clock = new MutableClock();
    private final SessionId session = sessionId();
    private final UserId owner = userId();

    @Test
    void deliversBeforePublishReturns() {
        EventRecorder recorder = new EventRecorder();
        feed.subscribe(session, recorder);
        DomainEvent event = event(session, owner, clock.now(), "active");

        feed.publish(event);

        assertThat(recorder.drained()).containsExactly(event);
    }

    @Test
    void subscriptionClosedDuringDeliveryGetsNothingMore() {
        List<DomainEvent> late = new ArrayList<>();
        AtomicReference<ChangeFeed.Subscription> second = new AtomicReference<>();
        feed.subscribe(session, e -> second.get().close());
        second.set(feed.subscribe(session, late::add));

        feed.publish(event(session, owner, clock.now(), "active"));

        assertThat(late).isEmpty();
    }

    @Test
    void eventPublishedByListenerReachesEveryoneAfterTheCurrentOne() {
        DomainEvent first = event(session, owner, clock.now(), "active");
        DomainEvent reply = event(session, owner, clock.now(), "paused");
        List<DomainEvent> seenByPublisher = new ArrayList<>();
        List<DomainEvent> seenByOther = new ArrayList<>();
        feed.subscribe(session, e -> {
            seenByPublisher.add(e);
            if (e == first) {
                feed.publish(reply);
            }
        });
        feed.subscribe(session, seenByOther::add);

        feed.publish(first);

        assertThat(seenByPublisher).containsExactly(first, reply);
        assertThat(seenByOther).containsExactly(first, reply);
    }

    @Test
    void listenerFailuresAreCountedAndKept() {
        IllegalStateException failure = new IllegalStateException("listener failed on purpose");
        feed.subscribe(session, e -> {
            throw failure;
        });

        feed.publish(event(session, owner, clock.now(), "active"));
        feed.publish(event(session, owner, clock.now(), "paused"));

        assertThat(feed.listenerFailures()).isEqualTo(2);
        assertThat(feed.lastListenerFailure()).containsSame(failure);
    }

    @Test
    void closingLastSubscriptionForgetsTheSession() {
        ChangeFeed.Subscription one = feed.subscribe(session, e -> { });
        ChangeFeed.Subscription two = feed.subscribe(session, e -> { });
        assertThat(feed.subscribers(session)).isEqualTo(2);

        one.close();
        two.close();
        two.close();

        assertThat(feed.subscribers(session)).isZero();
    }
}
