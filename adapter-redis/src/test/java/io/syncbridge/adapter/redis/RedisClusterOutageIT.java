package io.syncbridge.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncbridge.domain.error.SyncError;
import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.domain.session.AcceptedChange;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionPolicy;
import io.syncbridge.port.out.ChangeFeed;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * A master of a Redis Cluster (no replicas) goes down and comes back: calls for its sessions fail
 * with DependencyDown meanwhile, and afterwards the same adapters work again, the change feed's
 * subscription on that node included.
 */
class RedisClusterOutageIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void sessionsOfAMasterThatWasDownWorkAgainWhenItReturns() throws Exception {
        SessionPolicy policy = SessionPolicy.DEFAULT;
        Instant now = Instant.now();
        try (RedisClusterSetup cluster = RedisClusterSetup.start();
             RedisTestBed bed = RedisTestBed.cluster(cluster.seeds())) {
            RedisServerProcess victim = cluster.nodes().getFirst();
            RedisSessionStore store = new RedisSessionStore(bed.connect(), policy, () -> now);
            RedisChangeFeed otherNode = bed.feed();
            Session session = sessionServedBy(victim, policy, now);
            store.insert(session);
            LinkedBlockingQueue<DomainEvent> received = new LinkedBlockingQueue<>();
            try (ChangeFeed.Subscription ignored = otherNode.subscribe(session.id(), received::add)) {
                AcceptedChange first = TestSessions.set(session, "pose", 1, policy, now);
                assertThat(store.commit(session.revision(), first.session(), Optional.of(first.applied()))).isTrue();
                assertThat(received.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(DomainEvent.StateChanged.class);

                victim.stop();

                AcceptedChange second = TestSessions.set(first.session(), "pose", 2, policy, now);
                assertThatThrownBy(() -> store.load(session.id())).isInstanceOf(SyncError.DependencyDown.class);
                assertThatThrownBy(() -> store.commit(first.session().revision(), second.session(),
                        Optional.of(second.applied()))).isInstanceOf(SyncError.DependencyDown.class);

                victim.start();
                cluster.awaitClusterOk();

                // The node came back empty (nothing is persisted here): a new session there works,
                // and the feed's subscription on that node was renewed (publish until one arrives).
                Session fresh = sessionServedBy(victim, policy, now);
                assertThat(store.insert(fresh)).isTrue();
                assertThat(store.load(fresh.id())).contains(fresh);
                DomainEvent arrived = null;
                long deadline = System.nanoTime() + WAIT.toNanos();
                for (int i = 0; arrived == null && System.nanoTime() < deadline; i++) {
                    otherNode.publish(new DomainEvent.SessionExpiring("after-" + i, session.id(), session.owner(),
                            now, now.plusSeconds(60)));
                    arrived = received.poll(100, TimeUnit.MILLISECONDS);
                }
                assertThat(arrived).as("an event after the node came back").isNotNull();
            }
        }
    }

    /** A new session whose hash tag lands in a slot of the given node. */
    private static Session sessionServedBy(RedisServerProcess node, SessionPolicy policy, Instant now) {
        while (true) {
            Session session = TestSessions.session(TestSessions.newId(), policy, now);
            try (Jedis jedis = node.client()) {
                String slotKey = "{" + session.id().value() + "}";
                if (servedBy(jedis, slotKey)) {
                    return session;
                }
            }
        }
    }

    private static boolean servedBy(Jedis jedis, String key) {
        String myId = jedis.clusterMyId();
        int slot = JedisClusterCRC16.getSlot(key);
        for (String line : jedis.clusterNodes().split("\n")) {
            String[] fields = line.split(" ");
            if (!fields[0].equals(myId)) {
                continue;
            }
            for (int i = 8; i < fields.length; i++) {
                String[] range = fields[i].split("-");
                int from = Integer.parseInt(range[0]);
                int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
                if (slot >= from && slot <= to) {
                    return true;
                }
            }
        }
        return false;
    }
}
