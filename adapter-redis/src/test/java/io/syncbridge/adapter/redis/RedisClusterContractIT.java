package io.syncbridge.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.domain.session.AcceptedChange;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionPolicy;
import io.syncbridge.domain.snapshot.Snapshot;
import io.syncbridge.domain.snapshot.SnapshotId;
import io.syncbridge.port.out.ChangeFeed;
import io.syncbridge.port.out.GrantStore;
import io.syncbridge.port.out.HandoffTokenStore;
import io.syncbridge.port.out.Presence;
import io.syncbridge.port.out.RateLimiter;
import io.syncbridge.port.out.SnapshotStore;
import io.syncbridge.port.out.contract.ChangeFeedContract;
import io.syncbridge.port.out.contract.GrantStoreContract;
import io.syncbridge.port.out.contract.HandoffTokenStoreContract;
import io.syncbridge.port.out.contract.MutableClock;
import io.syncbridge.port.out.contract.PresenceContract;
import io.syncbridge.port.out.contract.RateLimiterContract;
import io.syncbridge.port.out.contract.SessionStoreContract;
import io.syncbridge.port.out.contract.SnapshotStoreContract;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The same adapters on a three-master Redis Cluster that this class starts on loopback ports and
 * tears down afterwards: every contract suite again, and a check that each session's keys live
 * on one node while the sessions spread over all of them.
 */
class RedisClusterContractIT {

    private static RedisClusterSetup cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = RedisClusterSetup.start();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        cluster.close();
    }

    @Test
    void eachSessionLivesOnOneNodeWhileSessionsSpreadOverAllAndFanOutWorksFromEvery() throws Exception {
        SessionPolicy policy = SessionPolicy.DEFAULT;
        MutableClock clock = new MutableClock(Instant.now());
        try (RedisTestBed bed = RedisTestBed.cluster(cluster.seeds())) {
            RedisSessionStore store = new RedisSessionStore(bed.connect(), policy, clock);
            RedisSnapshotStore snapshots = new RedisSnapshotStore(bed.connect(), clock);
            RedisPresence presence = new RedisPresence(bed.connect(), clock);
            RedisChangeFeed otherNode = bed.feed();
            LinkedBlockingQueue<DomainEvent> received = new LinkedBlockingQueue<>();
            List<Session> sessions = new ArrayList<>();
            List<ChangeFeed.Subscription> subscriptions = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                Session session = TestSessions.session(TestSessions.newId(), policy, clock.now());
                sessions.add(session);
                subscriptions.add(otherNode.subscribe(session.id(), received::add));
                assertThat(store.insert(session)).isTrue();
                AcceptedChange accepted = TestSessions.set(session, "pose", i, policy, clock.now());
                assertThat(store.commit(session.revision(), accepted.session(), Optional.of(accepted.applied())))
                        .isTrue();
                snapshots.save(new Snapshot(
                        new SnapshotId("snap-" + i), session.id(), 1,
                        accepted.session().state(), "", "", clock.now(), clock.now().plus(Duration.ofDays(7))));
                presence.connected(session.id(), TestSessions.PHONE, "conn-" + i, Duration.ofMinutes(1));
            }

            Set<String> sessionIds = new HashSet<>();
            for (int i = 0; i < sessions.size(); i++) {
                DomainEvent event = received.poll(10, TimeUnit.SECONDS);
                assertThat(event).isInstanceOf(DomainEvent.StateChanged.class);
                sessionIds.add(event.sessionId().value());
            }
            assertThat(sessionIds).hasSize(sessions.size());
            Map<String, Set<Integer>> nodesOfSession = nodesHoldingEachSession(bed.config().keyPrefix());
            assertThat(nodesOfSession).hasSize(sessions.size());
            assertThat(nodesOfSession.values()).allSatisfy(nodes -> assertThat(nodes).hasSize(1));
            assertThat(nodesOfSession.values().stream().flatMap(Set::stream).distinct()).hasSize(3);
            subscriptions.forEach(ChangeFeed.Subscription::close);
        }
    }

    /** Session id (the hash tag) to the ports of the nodes that hold any of its keys. */
    private static Map<String, Set<Integer>> nodesHoldingEachSession(String prefix) {
        Map<String, Set<Integer>> nodes = new HashMap<>();
        for (RedisServerProcess node : cluster.nodes()) {
            try (Jedis jedis = node.client()) {
                String cursor = ScanParams.SCAN_POINTER_START;
                do {
                    ScanResult<String> page = jedis.scan(cursor, new ScanParams().match(prefix + "session:*").count(1_000));
                    for (String key : page.getResult()) {
                        String tag = key.substring(key.indexOf('{') + 1, key.indexOf('}'));
                        nodes.computeIfAbsent(tag, t -> new HashSet<>()).add(node.port());
                    }
                    cursor = page.getCursor();
                } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
            }
        }
        return nodes;
    }

    @Nested
    class SessionStoreOnCluster extends SessionStoreContract {
        private RedisTestBed bed;

        @Override
        protected Fixture create(MutableClock clock, int logCapacity, Duration logMaxAge) {
            bed = RedisTestBed.cluster(cluster.seeds());
            return RedisSessionStoreContractIT.sessionStore(bed, clock, logCapacity, logMaxAge);
        }

        @Override
        protected void cleanUp() throws Exception {
            bed.close();
        }
    }

    @Nested
    class ChangeFeedOnCluster extends ChangeFeedContract {
        private RedisTestBed bed;

        @Override
        protected ChangeFeed create() {
            bed = RedisTestBed.cluster(cluster.seeds());
            return bed.feed();
        }

        @Override
        protected ChangeFeed otherNode(ChangeFeed feed) {
            return bed.feed();
        }

        @Override
        protected void cleanUp() throws Exception {
            bed.close();
        }
    }

    @Nested
    class SnapshotStoreOnCluster extends SnapshotStoreContract {
        private RedisTestBed bed;

        @Override
        protected SnapshotStore create(MutableClock clock) {
            bed = RedisTestBed.cluster(cluster.seeds());
            return new RedisSnapshotStore(bed.connect(), clock);
        }

        @Override
        protected void cleanUp() throws Exception {
            bed.close();
        }
    }

    @Nested
    class PresenceOnCluster extends PresenceContract {
        private RedisTestBed bed;

        @Override
        protected Presence create(MutableClock clock) {
            bed = RedisTestBed.cluster(cluster.seeds());
            return new RedisPresence(bed.connect(), clock);
        }

        @Override
        protected void cleanUp() throws Exception {
            bed.close();
        }
    }

    @Nested
    class RateLimiterOnCluster extends RateLimiterContract {
        private RedisTestBed bed;

        @Override
        protected RateLimiter create(MutableClock clock) {
            bed = RedisTestBed.cluster(cluster.seeds());
            return new RedisRateLimiter(bed.connect(), clock);
        }

        @Override
        protected void cleanUp() throws Exception {
            bed.close();
        }
    }

    @Nested
    class HandoffTokenStoreOnCluster extends HandoffTokenStoreContract {
        private RedisTestBed bed;

        @Override
        protected HandoffTokenStore create(MutableClock clock) {
            bed = RedisTestBed.cluster(cluster.seeds());
            return new RedisHandoffTokenStore(bed.connect(), clock);
        }

        @Override
        protected void cleanUp() throws Exception {
            bed.close();
        }
    }

    @Nested
    class GrantStoreOnCluster extends GrantStoreContract {
        private RedisTestBed bed;

        @Override
        protected GrantStore create(MutableClock clock) {
            bed = RedisTestBed.cluster(cluster.seeds());
            return new RedisGrantStore(bed.connect(), clock);
        }

        @Override
        protected void cleanUp() throws Exception {
            bed.close();
        }
    }
}
