package io.syncbridge.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.application.SyncBridge;
import io.syncbridge.domain.change.AppliedChange;
import io.syncbridge.domain.change.Change;
import io.syncbridge.domain.change.MutationId;
import io.syncbridge.domain.device.DeviceDescription;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.error.SyncError;
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
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Devices keep writing to one session through the core while its Redis (with an append-only
 * file, fsync always) is stopped and started again: they get DependencyDown meanwhile, and
 * afterwards every acknowledged change is there exactly once, with the head, the log and the
 * mutation ids agreeing with each other (nothing half-written).
 */
class RedisRestartIT {

    private static final int WRITERS = 4;
    private static final int CHANGES_PER_WRITER = 40;

    @TempDir
    Path dir;

    @Test
    void noAcknowledgedChangeIsLostOrDoubledAcrossARedisRestart() throws Exception {
        Caller alice = Caller.user(new UserId("alice"));
        SessionPolicy policy = SessionPolicy.DEFAULT;
        Clock clock = Clock.system();
        try (RedisServerProcess server = RedisServerProcess.start(dir, "--appendonly", "yes", "--appendfsync", "always");
             RedisAdapters redis = RedisAdapters.create(RedisConnection.open(RedisConfig.standalone(server.address())
                     .withTimeouts(Duration.ofMillis(300), Duration.ofMillis(300))), policy, clock)) {
            SyncBridge core = SyncBridge.builder().clock(clock).policy(policy)
                    .sessionStore(redis.sessions(), redis.sessions(), redis.feed()).build();
            Session session = core.sessions().create(alice, new SessionsUseCase.CreateSession(Optional.empty(),
                    "Workout", "gym", SessionSettings.DEFAULT));
            for (int w = 0; w < WRITERS; w++) {
                core.devices().connect(alice, session.id(), new DeviceId("device-" + w), DeviceDescription.UNKNOWN,
                        "conn-" + w);
            }
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicInteger refused = new AtomicInteger();
            ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                running.add(writers.submit(() -> {
                    DeviceId device = new DeviceId("device-" + writer);
                    for (int i = 0; i < CHANGES_PER_WRITER; i++) {
                        MutationId mutation = new MutationId("w" + writer + "-" + i);
                        // A device retries the same mutation until the server answers it.
                        while (true) {
                            try {
                                long seen = core.sessions().get(alice, session.id()).version();
                                ChangeResult result = core.sync().apply(alice, session.id(), new Change(mutation, seen,
                                        List.of(new PatchOperation.Add(JsonPointer.parse("/writer" + writer),
                                                JsonValue.of(i))), device, Instant.now()));
                                if (result instanceof ChangeResult.Rejected rejected) {
                                    throw new AssertionError("change refused: " + rejected.error().getMessage());
                                }
                                acknowledged.add(mutation.value());
                                break;
                            } catch (SyncError.DependencyDown down) {
                                refused.incrementAndGet();
                            }
                        }
                    }
                    return null;
                }));
            }
            awaitAtLeast(() -> acknowledged.size(), WRITERS * CHANGES_PER_WRITER / 4);

            server.stop();
            awaitAtLeast(refused::get, 10);
            server.start();

            for (Future<?> writer : running) {
                writer.get();
            }
            writers.shutdown();

            Session head = core.sessions().get(alice, session.id());
            List<AppliedChange> log = redis.sessions().since(session.id(), 0).orElseThrow();
            assertThat(acknowledged).hasSize(WRITERS * CHANGES_PER_WRITER);
            assertThat(log).extracting(c -> c.mutationId().value()).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(acknowledged);
            assertThat(log).extracting(AppliedChange::version)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, head.version()).boxed().toList());
            assertThat(acknowledged.stream().map(m -> redis.sessions().appliedVersion(session.id(), new MutationId(m)))
                    .collect(Collectors.toSet())).doesNotContain(Optional.empty());
            for (int w = 0; w < WRITERS; w++) {
                assertThat(head.state().root().get("writer" + w)).contains(JsonValue.of(CHANGES_PER_WRITER - 1));
            }
            assertThat(refused.get()).isPositive();
        }
    }

    private static void awaitAtLeast(IntSupplier value, int target) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (value.getAsInt() < target) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + value.getAsInt() + " of " + target + " within 30 s");
            }
            RedisServerProcess.pause();
        }
    }
}
