package io.syncbridge.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.domain.device.DeviceDescription;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.domain.handoff.HandoffId;
import io.syncbridge.domain.handoff.HandoffToken;
import io.syncbridge.domain.session.AcceptedChange;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionPolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;

/**
 * Round trips of the adapter's calls, measured with a MONITOR on a redis-server of the test's own
 * (see {@link CommandMonitor}).
 */
class RoundTripsIT {

    private static final Logger LOG = LoggerFactory.getLogger(RoundTripsIT.class);
    private static RedisServerProcess server;
    @TempDir
    static Path dir;

    private final SessionPolicy policy = SessionPolicy.DEFAULT;
    private final Instant now = Instant.now();
    private RedisConnection redis;
    private RedisSessionStore store;
    private RedisChangeFeed feed;
    private RedisHandoffTokenStore tokens;

    @BeforeAll
    static void startServer() throws IOException {
        server = RedisServerProcess.start(dir);
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        server.stop();
    }

    @BeforeEach
    void connect() {
        redis = RedisConnection.open(RedisConfig.standalone(server.address()).withPoolSize(1));
        store = new RedisSessionStore(redis, policy, () -> now);
        feed = new RedisChangeFeed(redis);
        tokens = new RedisHandoffTokenStore(redis, () -> now);
    }

    @AfterEach
    void close() {
        feed.close();
        redis.close();
    }

    @Test
    void anAcceptedChangeIsOneRoundTrip() {
        Session session = TestSessions.session(TestSessions.newId(), policy, now);
        store.insert(session);
        warmUp();
        AcceptedChange accepted = TestSessions.set(session, "pose", 1, policy, now);

        List<String> commands = monitored(() ->
                assertThat(store.commit(session.revision(), accepted.session(), Optional.of(accepted.applied())))
                        .isTrue());

        LOG.info("accepted change: {}", commands);
        assertThat(commands).containsExactly("EVALSHA");
    }

    @Test
    void aColdApplyPathIsTwoRoundTrips() {
        Session session = TestSessions.session(TestSessions.newId(), policy, now);
        store.insert(session);
        warmUp();

        List<String> commands = monitored(() -> {
            Session head = store.load(session.id()).orElseThrow();
            AcceptedChange accepted = TestSessions.set(head, "pose", 2, policy, now);
            store.commit(head.revision(), accepted.session(), Optional.of(accepted.applied()));
        });

        LOG.info("load + commit: {}", commands);
        // the load script (head, checkpoint and log tail in one read), the commit script
        assertThat(commands).containsExactly("EVALSHA", "EVALSHA");
    }

    @Test
    void aHandoffIsThreeRoundTripsAndTwoMoreWithAToken() {
        DeviceId laptop = new DeviceId("laptop");
        Session session = TestSessions.session(TestSessions.newId(), policy, now);
        Session withLaptop = session.admit(laptop, DeviceDescription.UNKNOWN, policy, now).session();
        store.insert(withLaptop);
        warmUp();
        HandoffToken token = new HandoffToken("tok-" + now.toEpochMilli(), withLaptop.id(), withLaptop.owner(),
                TestSessions.PHONE, now, now.plus(Duration.ofMinutes(5)));

        List<String> commands = monitored(() -> {
            tokens.save(token);
            tokens.claim(token.token()).orElseThrow();
            Session head = store.load(withLaptop.id()).orElseThrow();
            Session.HandedOff handedOff = head.handOff(new HandoffId("h-1"), laptop, now, policy, now);
            store.commit(head.revision(), handedOff.session(), Optional.empty());
            feed.publish(new DomainEvent.HandoffCompleted("e-1", head.id(), head.owner(), now, handedOff.handoff()));
        });

        LOG.info("handoff with a token: {}", commands);
        assertThat(commands).containsExactly("SET", "GETDEL", "EVALSHA", "EVALSHA", "SPUBLISH");
    }

    @Test
    void aScriptUnknownToRedisCostsOneExtraRoundTripOnce() {
        Session session = TestSessions.session(TestSessions.newId(), policy, now);
        store.insert(session);
        warmUp();
        try (Jedis jedis = server.client()) {
            jedis.scriptFlush();
        }
        AcceptedChange first = TestSessions.set(session, "pose", 1, policy, now);
        AcceptedChange second = TestSessions.set(first.session(), "pose", 2, policy, now);

        List<String> commands = monitored(() -> {
            store.commit(session.revision(), first.session(), Optional.of(first.applied()));
            store.commit(first.session().revision(), second.session(), Optional.of(second.applied()));
        });

        assertThat(commands).containsExactly("EVALSHA", "EVAL", "EVALSHA");
        assertThat(store.load(session.id())).get().extracting(Session::version).isEqualTo(2L);
    }

    /** Loads the commit script and opens the pooled connection, so that the measurement sees steady state. */
    private void warmUp() {
        Session other = TestSessions.session(TestSessions.newId(), policy, now);
        store.insert(other);
        AcceptedChange accepted = TestSessions.set(other, "warm", 0, policy, now);
        assertThat(store.commit(other.revision(), accepted.session(), Optional.of(accepted.applied()))).isTrue();
        assertThat(store.load(other.id())).isPresent();
    }

    private List<String> monitored(Runnable action) {
        return new CommandMonitor(server).commandsOf(action);
    }
}
