package io.syncbridge.port.out.contract;

import static io.syncbridge.port.out.contract.Fixtures.event;
import static io.syncbridge.port.out.contract.Fixtures.oneOfEachEvent;
import static io.syncbridge.port.out.contract.Fixtures.sessionId;
import static io.syncbridge.port.out.contract.Fixtures.userId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.UserId;
import io.syncbridge.port.out.ChangeFeed;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@link ChangeFeed}. Every change feed adapter subclasses it.
 *
 * <p>What the contract decides where the port's Javadoc leaves room:
 * <ul>
 *   <li>{@code subscribe} returns once the subscription is active: every event published after it
 *       returns reaches the listener (while the subscription is open and the feed is up).</li>
 *   <li>Events of one session reach every listener of it in the same order, the order they were
 *       published (for one publisher: its call order); events are delivered whole (equal to what
 *       was published, of every event type).</li>
 *   <li>A closed subscription receives nothing published after {@code close} returns; closing twice
 *       is harmless; two subscriptions of one listener are independent.</li>
 *   <li>A listener that throws does not stop delivery to the other listeners, and {@code publish}
 *       does not throw because of it.</li>
 *   <li>Listeners are fast and non-blocking; an adapter may call them on any thread, but never
 *       one listener from two threads at once for one session.</li>
 * </ul>
 *
 * <p>Delivery may be synchronous or asynchronous: the suite waits for events with a bounded wait.
 * To show that something was <em>not</em> delivered, it publishes a later event and checks that
 * the later one is the next to arrive.
 */
public abstract class ChangeFeedContract {

    protected final MutableClock clock = new MutableClock();
    private ChangeFeed feed;
    private final List<ChangeFeed.Subscription> subscriptions = new ArrayList<>();

    /** A feed over an empty channel space (e.g. a fresh channel prefix). */
    protected abstract ChangeFeed create();

    /**
     * A second node's feed sharing the first one's channels, for adapters that fan out across
     * processes; an in-process feed returns {@code feed} itself.
     */
    protected ChangeFeed otherNode(ChangeFeed feed) {
        return feed;
    }

    /** Called after each test: release what {@link #create} made. */
    protected void cleanUp() throws Exception {
    }

    @BeforeEach
    final void createFeed() {
        feed = create();
    }

    @AfterEach
    final void cleanUpFeed() throws Exception {
        subscriptions.forEach(ChangeFeed.Subscription::close);
        cleanUp();
    }

    protected final ChangeFeed feed() {
        return feed;
    }

    @Test
    void deliversEveryKindOfEventWholeAndInPublishOrder() {
        SessionId session = sessionId();
        EventRecorder recorder = subscribe(feed, session);
        List<DomainEvent> events = oneOfEachEvent(session, userId(), clock.now());

        events.forEach(feed::publish);

        assertThat(recorder.next(events.size())).containsExactlyElementsOf(events);
    }

    @Test
    void deliversToEverySubscriberOfTheSession() {
        SessionId session = sessionId();
        EventRecorder first = subscribe(feed, session);
        EventRecorder second = subscribe(feed, session);
        DomainEvent event = event(session, userId(), clock.now(), "paused");

        feed.publish(event);

        assertThat(first.next()).isEqualTo(event);
        assertThat(second.next()).isEqualTo(event);
    }

    @Test
    void deliversOnlyTheSessionsOwnEvents() {
        SessionId watched = sessionId();
        SessionId other = sessionId();
        UserId owner = userId();
        EventRecorder recorder = subscribe(feed, watched);
        DomainEvent mine = event(watched, owner, clock.now(), "active");

        feed.publish(event(other, owner, clock.now(), "paused"));
        feed.publish(mine);

        assertThat(recorder.next()).isEqualTo(mine);
    }

    @Test
    void closedSubscriptionReceivesNothingMore() {
        SessionId session = sessionId();
        UserId owner = userId();
        EventRecorder closed = new EventRecorder();
        ChangeFeed.Subscription subscription = feed.subscribe(session, closed);
        EventRecorder open = subscribe(feed, session);
        DomainEvent before = event(session, owner, clock.now(), "active");
        feed.publish(before);
        assertThat(closed.next()).isEqualTo(before);

        subscription.close();
        feed.publish(event(session, owner, clock.now(), "paused"));
        DomainEvent sentinel = event(session, owner, clock.now(), "completed");
        feed.publish(sentinel);

        assertThat(open.next(3)).last().isEqualTo(sentinel);
        assertThat(closed.drained()).isEmpty();
    }

    @Test
    void closingTwiceIsHarmless() {
        SessionId session = sessionId();
        ChangeFeed.Subscription subscription = feed.subscribe(session, new EventRecorder());
        EventRecorder open = subscribe(feed, session);
        subscription.close();

        assertThatCode(subscription::close).doesNotThrowAnyException();

        DomainEvent event = event(session, userId(), clock.now(), "active");
        feed.publish(event);
        assertThat(open.next()).isEqualTo(event);
    }

    @Test
    void sameListenerSubscribedTwiceIsTwoSubscriptions() {
        SessionId session = sessionId();
        UserId owner = userId();
        EventRecorder recorder = new EventRecorder();
        ChangeFeed.Subscription first = feed.subscribe(session, recorder);
        subscriptions.add(feed.subscribe(session, recorder));
        DomainEvent twice = event(session, owner, clock.now(), "active");
        feed.publish(twice);
        assertThat(recorder.next(2)).containsExactly(twice, twice);

        first.close();
        DomainEvent once = event(session, owner, clock.now(), "paused");
        DomainEvent sentinel = event(session, owner, clock.now(), "completed");
        feed.publish(once);
        feed.publish(sentinel);

        assertThat(recorder.next(2)).containsExactly(once, sentinel);
    }

    @Test
    void throwingListenerDoesNotStopOthers() {
        SessionId session = sessionId();
        subscriptions.add(feed.subscribe(session, e -> {
            throw new IllegalStateException("a listener that fails on purpose");
        }));
        EventRecorder recorder = subscribe(feed, session);
        DomainEvent first = event(session, userId(), clock.now(), "active");
        DomainEvent second = event(session, userId(), clock.now(), "paused");

        assertThatCode(() -> {
            feed.publish(first);
            feed.publish(second);
        }).doesNotThrowAnyException();

        assertThat(recorder.next(2)).containsExactly(first, second);
    }

    @Test
    void publishingWithoutSubscribersIsHarmless() {
        assertThatCode(() -> feed.publish(event(sessionId(), userId(), clock.now(), "active")))
                .doesNotThrowAnyException();
    }

    @Test
    void deliversToSubscribersOnAnotherNode() {
        SessionId session = sessionId();
        ChangeFeed remote = otherNode(feed);
        EventRecorder recorder = subscribe(remote, session);
        List<DomainEvent> events = oneOfEachEvent(session, userId(), clock.now());

        events.forEach(feed::publish);

        assertThat(recorder.next(events.size())).containsExactlyElementsOf(events);
    }

    @Test
    void concurrentPublishersReachEveryListenerOnceInOneOrder() {
        SessionId session = sessionId();
        UserId owner = userId();
        EventRecorder first = subscribe(feed, session);
        EventRecorder second = subscribe(feed, session);
        int threads = 4;
        int perThread = 25;
        List<List<DomainEvent>> published = Concurrently.run(threads, () -> {
            List<DomainEvent> mine = IntStream.range(0, perThread)
                    .mapToObj(i -> event(session, owner, clock.now(), "active")).toList();
            mine.forEach(feed::publish);
            return mine;
        });

        List<DomainEvent> seenByFirst = first.next(threads * perThread);
        List<DomainEvent> seenBySecond = second.next(threads * perThread);

        assertThat(seenByFirst).containsExactlyInAnyOrderElementsOf(published.stream().flatMap(List::stream).toList());
        assertThat(seenBySecond).containsExactlyElementsOf(seenByFirst);
        for (List<DomainEvent> oneThread : published) {
            assertThat(seenByFirst.stream().filter(oneThread::contains).toList())
                    .as("one publisher's events keep its order").containsExactlyElementsOf(oneThread);
        }
    }

    /** Subscribes a new recorder; the subscription is closed after the test. */
    protected final EventRecorder subscribe(ChangeFeed target, SessionId session) {
        EventRecorder recorder = new EventRecorder();
        subscriptions.add(target.subscribe(session, recorder));
        return recorder;
    }
}
