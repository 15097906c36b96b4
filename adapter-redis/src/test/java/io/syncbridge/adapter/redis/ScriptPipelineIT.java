package io.syncbridge.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncbridge.domain.error.SyncError;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionPolicy;
import io.syncbridge.domain.session.AcceptedChange;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ClientPauseMode;

/** Group commit on a Redis of its own: concurrent commits share pipelined batches; a full queue refuses at once. */
class ScriptPipelineIT {

    private static final LuaScript ECHO = new LuaScript("echo", "return ARGV[1]", sha("return ARGV[1]"));

    @TempDir
    static Path dir;
    private static RedisServerProcess server;

    @BeforeAll
    static void startServer() throws IOException {
        server = RedisServerProcess.start(dir);
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        server.stop();
    }

    @Test
    void concurrentCommitsOfManySessionsAllLandThroughThePipeline() throws Exception {
        SessionPolicy policy = SessionPolicy.DEFAULT;
        Instant now = Instant.now();
        try (RedisConnection redis = RedisConnection.open(RedisConfig.standalone(server.address()).withPoolSize(2));
             ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor()) {
            RedisSessionStore store = new RedisSessionStore(redis, policy, () -> now);
            List<Future<Session>> results = new ArrayList<>();
            for (int w = 0; w < 64; w++) {
                results.add(writers.submit(() -> {
                    Session session = TestSessions.session(TestSessions.newId(), policy, now);
                    store.insert(session);
                    for (int i = 0; i < 20; i++) {
                        AcceptedChange accepted = TestSessions.set(session, "k" + (i % 3), i, policy, now);
                        assertThat(store.commit(session.revision(), accepted.session(),
                                Optional.of(accepted.applied()))).isTrue();
                        session = accepted.session();
                    }
                    return session;
                }));
            }
            for (Future<Session> result : results) {
                Session last = result.get();
                assertThat(store.load(last.id())).contains(last);
            }
            assertThat(redis.pipelineRefusals()).isZero();
        }
    }

    @Test
    void aFullQueueRefusesAtOnceWithARetryHint() throws Exception {
        try (RedisConnection redis = RedisConnection.open(RedisConfig.standalone(server.address())
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10)));
             ScriptPipeline pipeline = new ScriptPipeline(redis, 1, 1);
             Jedis admin = server.client()) {
            List<String> keys = List.of("pipeline-test");
            assertThat(pipeline.eval("echo", ECHO, keys, List.of("loaded"))).isEqualTo("loaded");
            admin.clientPause(5_000, ClientPauseMode.WRITE); // scripts wait; UNPAUSE still runs
            try {
                CompletableFuture<Object> inFlight = CompletableFuture.supplyAsync(
                        () -> pipeline.eval("echo", ECHO, keys, List.of("first")));
                await(() -> pipeline.waiting() == 0 && !inFlight.isDone());
                CompletableFuture<Object> queued = CompletableFuture.supplyAsync(
                        () -> pipeline.eval("echo", ECHO, keys, List.of("second")));
                await(() -> pipeline.waiting() == 1);

                assertThatThrownBy(() -> pipeline.eval("echo", ECHO, keys, List.of("third")))
                        .isInstanceOfSatisfying(SyncError.RateLimited.class,
                                limited -> {
                                    assertThat(limited.retryAfterSeconds()).isPositive();
                                    assertThat(limited.overloaded()).contains("redis");
                                });
                assertThat(pipeline.refused()).isEqualTo(1);

                admin.clientUnpause();
                assertThat(inFlight.get()).isEqualTo("first");
                assertThat(queued.get()).isEqualTo("second");
            } finally {
                admin.clientUnpause();
            }
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 20 s").isLessThan(deadline);
            Thread.sleep(5);
        }
        Thread.sleep(50); // the sender is now blocked in the pipeline's reply
    }

    private static String sha(String source) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1")
                    .digest(source.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
