package io.syncbridge.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.application.SyncBridge;
import io.syncbridge.domain.change.Change;
import io.syncbridge.domain.change.MutationId;
import io.syncbridge.domain.device.DeviceDescription;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.handoff.HandoffToken;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionPolicy;
import io.syncbridge.domain.session.SessionSettings;
import io.syncbridge.domain.session.UserId;
import io.syncbridge.domain.state.JsonPointer;
import io.syncbridge.domain.state.JsonValue;
import io.syncbridge.domain.state.PatchOperation;
import io.syncbridge.domain.time.Clock;
import io.syncbridge.port.in.Caller;
import io.syncbridge.port.in.ChangeResult;
import io.syncbridge.port.in.SessionsUseCase;
import io.syncbridge.port.out.ChangeFeed;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Round trips to Redis of the use cases as the application core runs them, with the Redis
 * adapters for the hot path and the in-memory ones for the rest (catalogue, registry, outbox):
 * what an accepted change and a handoff cost a server on Redis.
 */
class CoreRoundTripsIT {

    private static final Logger LOG = LoggerFactory.getLogger(CoreRoundTripsIT.class);
    private static final DeviceId PHONE = new DeviceId("phone");
    private static final DeviceId LAPTOP = new DeviceId("laptop");

    @TempDir
    static Path dir;
    private static RedisServerProcess server;

    private final Caller alice = Caller.user(new UserId("alice"));
    private RedisAdapters redis;
    private SyncBridge core;
    private Session session;

    @BeforeAll
    static void startServer() throws IOException {
        server = RedisServerProcess.start(dir);
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        server.stop();
    }

    @BeforeEach
    void wireTheCoreOnRedis() {
        SessionPolicy policy = SessionPolicy.DEFAULT;
        Clock clock = Clock.system();
        redis = RedisAdapters.create(RedisConnection.open(RedisConfig.standalone(server.address()).withPoolSize(1)),
                policy, clock);
        core = SyncBridge.builder().clock(clock).policy(policy)
                .sessionStore(redis.sessions(), redis.sessions(), redis.feed())
                .snapshots(redis.snapshots()).presence(redis.presence()).rateLimiter(redis.rateLimiter())
                .handoffTokens(redis.handoffTokens()).build();
        session = core.sessions().create(alice, new SessionsUseCase.CreateSession(Optional.empty(), "Morning flow",
                "yoga", SessionSettings.DEFAULT));
        core.devices().connect(alice, session.id(), PHONE, DeviceDescription.UNKNOWN, "conn-phone");
        core.devices().connect(alice, session.id(), LAPTOP, DeviceDescription.UNKNOWN, "conn-laptop");
        apply(change("warm-up", 0)); // loads every script of the path once
    }

    @AfterEach
    void close() {
        redis.close();
    }

    @Test
    void anAcceptedChangeOnASessionThisNodeServesIsOneRoundTrip() {
        try (ChangeFeed.Subscription ignored = core.sync().watch(alice, session.id(), event -> { })) {
            apply(change("m-0", 1));
            Change change = change("m-1", 2);

            List<String> commands = new CommandMonitor(server).commandsOf(() -> apply(change));

            LOG.info("core: accepted change on a warm head -> {}", commands);
            // the commit alone (compare-and-set + mutation-id check + log + publish): the head is warm
            assertThat(commands).containsExactly("EVALSHA");
        }
    }

    @Test
    void anAcceptedChangeOnASessionNotServedHereCostsTwoRoundTrips() {
        Change change = change("m-1", 1);

        List<String> commands = new CommandMonitor(server).commandsOf(() -> apply(change));

        LOG.info("core: accepted change -> {}", commands);
        // load the head (the load script), commit
        assertThat(commands).containsExactly("EVALSHA", "EVALSHA");
    }

    @Test
    void aRetriedChangeCostsThreeRoundTripsAndWritesNothing() {
        Change warmUp = change("m-0", 0);
        apply(warmUp);
        apply(warmUp); // loads the log and mutation-id scripts, so the count below is the steady state
        Change change = change("m-1", 1);
        apply(change);

        List<String> commands = new CommandMonitor(server).commandsOf(() -> apply(change));

        LOG.info("core: duplicate change -> {}", commands);
        // load the head, read the log to rebase (the retry now looks stale), find the mutation id
        assertThat(commands).containsExactly("EVALSHA", "EVALSHA", "EVALSHA");
    }

    @Test
    void aHandoffCostsThreeRoundTrips() {
        List<String> commands = new CommandMonitor(server).commandsOf(
                () -> core.handoffs().handOff(alice, session.id(), LAPTOP));

        LOG.info("core: handoff -> {}", commands);
        // load the head, commit the new active device, publish HandoffCompleted to the other nodes
        assertThat(commands).containsExactly("EVALSHA", "EVALSHA", "SPUBLISH");
    }

    @Test
    void aHandoffByTokenCostsTwoToIssueAndFourToClaim() {
        AtomicReference<HandoffToken> token = new AtomicReference<>();
        List<String> issue = new CommandMonitor(server).commandsOf(() ->
                token.set(core.handoffs().issueToken(alice, session.id(), PHONE, Duration.ofMinutes(5))));
        List<String> claim = new CommandMonitor(server).commandsOf(() ->
                core.handoffs().claim(token.get().token(), LAPTOP, DeviceDescription.UNKNOWN));

        LOG.info("core: handoff token issue -> {}, claim -> {}", issue, claim);
        assertThat(issue).containsExactly("EVALSHA", "SET");
        // claim the token, load, commit (admit + hand off), publish DeviceJoined and HandoffCompleted
        assertThat(claim).containsExactly("GETDEL", "EVALSHA", "EVALSHA", "SPUBLISH", "SPUBLISH");
    }

    /** The phone sets /pose on the version it last saw. */
    private Change change(String mutation, long value) {
        long seen = core.sessions().get(alice, session.id()).version();
        return new Change(new MutationId(mutation), seen,
                List.of(new PatchOperation.Add(JsonPointer.parse("/pose"), JsonValue.of(value))), PHONE, Instant.now());
    }

    private void apply(Change change) {
        ChangeResult result = core.sync().apply(alice, session.id(), change);
        assertThat(result).isNotInstanceOf(ChangeResult.Rejected.class);
    }
}
