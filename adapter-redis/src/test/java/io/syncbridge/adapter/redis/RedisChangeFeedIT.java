package io.syncbridge.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.UserId;
import io.syncbridge.port.out.ChangeFeed;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;

/** The sharded pub/sub fan-out between nodes, each node being its own connection and feed. */
class RedisChangeFeedIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private RedisConfig config;
    private RedisConnection nodeA;
    private RedisConnection nodeB;
    private RedisChangeFeed feedA;
    private RedisChangeFeed feedB;

    @BeforeEach
    void connect() {
        config = TestRedis.local(TestRedis.uniquePrefix());
        nodeA = RedisConnection.open(config);
        nodeB = RedisConnection.open(config);
        feedA = new RedisChangeFeed(nodeA);
        feedB = new RedisChangeFeed(nodeB);
    }

    @AfterEach
    void close() {
        feedA.close();
        feedB.close();
        nodeA.close();
        nodeB.close();
        TestRedis.deleteKeys(config);
    }

    @Test
    void anEventPublishedOnOneNodeReachesListenersOnTheOther() throws InterruptedException {
        SessionId session = TestSessions.newId();
        LinkedBlockingQueue<DomainEvent> received = new LinkedBlockingQueue<>();
        try (ChangeFeed.Subscription ignored = feedB.subscribe(session, received::add)) {
            DomainEvent event = expiring(session, "e-1");

            feedA.publish(event);

            assertThat(received.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(event);
        }
    }

    @Test
    void holdsARedisSubscriptionOnlyWhileThereAreLocalListeners() {
        SessionId session = TestSessions.newId();
        String channel = nodeA.keys().feed(session);
        assertThat(subscribersInRedis(channel)).isZero();

        ChangeFeed.Subscription first = feedA.subscribe(session, e -> { });
        ChangeFeed.Subscription second = feedA.subscribe(session, e -> { });

        assertThat(subscribersInRedis(channel)).isEqualTo(1);
        assertThat(feedA.subscribedSessions()).isEqualTo(1);
        first.close();
        assertThat(subscribersInRedis(channel)).isEqualTo(1);
        second.close();
        second.close();
        assertThat(feedA.subscribedSessions()).isZero();
        await("the node to leave the channel", () -> subscribersInRedis(channel) == 0);
    }

    @Test
    void deliversOneSessionsEventsInPublicationOrderToEveryLocalListener() throws InterruptedException {
        SessionId session = TestSessions.newId();
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(2);
        int count = 300;
        try (ChangeFeed.Subscription a = feedB.subscribe(session, e -> record(first, e, count, done));
             ChangeFeed.Subscription b = feedB.subscribe(session, e -> record(second, e, count, done))) {
            List<String> published = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                published.add("e-" + i);
                feedA.publish(expiring(session, "e-" + i));
            }

            assertThat(done.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(first).containsExactlyElementsOf(published);
            assertThat(second).containsExactlyElementsOf(published);
        }
    }

    @Test
    void aBlockedListenerOfOneSessionDoesNotHoldUpAnotherSession() throws InterruptedException {
        SessionId slow = TestSessions.newId();
        SessionId fast = TestSessions.newId();
        CountDownLatch release = new CountDownLatch(1);
        LinkedBlockingQueue<DomainEvent> fastEvents = new LinkedBlockingQueue<>();
        try (ChangeFeed.Subscription a = feedB.subscribe(slow, e -> awaitQuietly(release));
             ChangeFeed.Subscription b = feedB.subscribe(fast, fastEvents::add)) {
            feedA.publish(expiring(slow, "blocked"));
            feedA.publish(expiring(fast, "free"));

            assertThat(fastEvents.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).extracting(DomainEvent::eventId)
                    .isEqualTo("free");
        } finally {
            release.countDown();
        }
    }

    @Test
    void aListenerThatThrowsDoesNotStopDeliveryToOthers() throws InterruptedException {
        SessionId session = TestSessions.newId();
        LinkedBlockingQueue<DomainEvent> received = new LinkedBlockingQueue<>();
        try (ChangeFeed.Subscription a = feedB.subscribe(session, e -> {
            throw new IllegalStateException("listener bug");
        });
             ChangeFeed.Subscription b = feedB.subscribe(session, received::add)) {
            feedA.publish(expiring(session, "e-1"));
            feedA.publish(expiring(session, "e-2"));

            assertThat(received.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).extracting(DomainEvent::eventId).isEqualTo("e-1");
            assertThat(received.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).extracting(DomainEvent::eventId).isEqualTo("e-2");
        }
    }

    private static void record(List<String> into, DomainEvent event, int expected, CountDownLatch done) {
        into.add(event.eventId());
        if (into.size() == expected) {
            done.countDown();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static DomainEvent expiring(SessionId session, String eventId) {
        Instant at = Instant.parse("2030-01-01T00:00:00Z");
        return new DomainEvent.SessionExpiring(eventId, session, new UserId("alice"), at, at.plusSeconds(300));
    }

    @SuppressWarnings("unchecked")
    private static long subscribersInRedis(String channel) {
        try (Jedis jedis = new Jedis("127.0.0.1", 6379)) {
            List<Object> reply = (List<Object>) jedis.sendCommand(Protocol.Command.PUBSUB, "SHARDNUMSUB", channel);
            return (Long) reply.get(1);
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            RedisServerProcess.pause();
        }
    }

}
