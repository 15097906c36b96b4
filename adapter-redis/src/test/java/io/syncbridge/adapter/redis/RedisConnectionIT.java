package io.syncbridge.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncbridge.domain.error.SyncError;
import io.syncbridge.domain.session.SessionPolicy;
import io.syncbridge.domain.time.Clock;
import io.syncbridge.port.out.RateLimiter;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connecting, probing, credentials and the call observer. */
class RedisConnectionIT {

    private static final Duration SHORT = Duration.ofMillis(500);

    @TempDir
    Path dir;

    @Test
    void probeIsUpWithItsLatencyWhenRedisAnswers() {
        try (RedisConnection redis = RedisConnection.open(TestRedis.local(TestRedis.uniquePrefix()))) {
            RedisHealth health = redis.probe();

            assertThat(health.up()).isTrue();
            assertThat(health.detail()).isEqualTo("PONG");
            assertThat(health.latency()).isPositive().isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void memoryReportsUsedAndMaxBytesOfTheNode() {
        try (RedisConnection redis = RedisConnection.open(TestRedis.local(TestRedis.uniquePrefix()))) {
            List<RedisMemory> memory = redis.memory();

            assertThat(memory).hasSize(1);
            assertThat(memory.getFirst().node()).isEqualTo(redis.config().nodes().getFirst().host() + ":"
                    + redis.config().nodes().getFirst().port());
            assertThat(memory.getFirst().usedBytes()).isPositive();
            assertThat(memory.getFirst().maxBytes()).isNotNegative();
        }
    }

    @Test
    void memoryOfAnUnreachableNodeIsDependencyDown() throws IOException {
        RedisConfig config = RedisConfig.standalone("127.0.0.1:" + unusedPort()).withTimeouts(SHORT, SHORT);
        try (RedisConnection redis = RedisConnection.open(config)) {
            assertThatThrownBy(redis::memory).isInstanceOf(SyncError.DependencyDown.class);
        }
    }

    @Test
    void probeIsDownAndCallsFailWithDependencyDownWhereNobodyListens() throws IOException {
        RedisConfig config = RedisConfig.standalone("127.0.0.1:" + unusedPort()).withTimeouts(SHORT, SHORT);
        try (RedisConnection redis = RedisConnection.open(config)) {
            assertThat(redis.probe().up()).isFalse();
            RedisRateLimiter limiter = new RedisRateLimiter(redis, Clock.system());

            assertThatThrownBy(() -> limiter.tryAcquire("k", new RateLimiter.Limit(1, SHORT)))
                    .isInstanceOf(SyncError.DependencyDown.class).hasMessageContaining("redis unavailable");
        }
    }

    @Test
    void aClusterWhoseSeedsAreAllDownCannotBeOpened() throws IOException {
        RedisConfig config = RedisConfig.cluster("127.0.0.1:" + unusedPort()).withTimeouts(SHORT, SHORT);

        assertThatThrownBy(() -> RedisConnection.open(config)).isInstanceOf(SyncError.DependencyDown.class);
    }

    @Test
    void usesThePasswordAndReportsAWrongOneAsDown() throws Exception {
        try (RedisServerProcess server = RedisServerProcess.start(dir, "--requirepass", "s3cret-pass")) {
            RedisConfig base = RedisConfig.standalone(server.address()).withTimeouts(SHORT, SHORT);
            try (RedisConnection right = RedisConnection.open(
                    base.withCredentials(Optional.empty(), Optional.of("s3cret-pass")));
                 RedisConnection wrong = RedisConnection.open(
                         base.withCredentials(Optional.empty(), Optional.of("wrong")));
                 RedisConnection none = RedisConnection.open(base)) {
                RedisSessionStore store = new RedisSessionStore(right, SessionPolicy.DEFAULT, Clock.system());
                assertThat(right.probe().up()).isTrue();
                assertThat(store.load(TestSessions.newId())).isEmpty();

                assertThat(wrong.probe().up()).isFalse();
                assertThatThrownBy(() -> new RedisSessionStore(wrong, SessionPolicy.DEFAULT, Clock.system()).load(TestSessions.newId())).isInstanceOf(SyncError.DependencyDown.class);
                assertThatThrownBy(() -> new RedisSessionStore(none, SessionPolicy.DEFAULT, Clock.system()).load(TestSessions.newId())).isInstanceOf(SyncError.DependencyDown.class);
            }
        }
    }

    @Test
    void theObserverIsToldOfEveryCallWithItsNameAndOutcome() throws Exception {
        List<String> calls = new CopyOnWriteArrayList<>();
        RedisCallObserver observer = (operation, took, succeeded) -> {
            assertThat(took).isPositive();
            calls.add(operation + (succeeded ? " ok" : " failed"));
        };
        try (RedisServerProcess server = RedisServerProcess.start(dir);
             RedisConnection redis = RedisConnection.open(
                     RedisConfig.standalone(server.address()).withTimeouts(SHORT, SHORT), observer)) {
            RedisSessionStore store = new RedisSessionStore(redis, SessionPolicy.DEFAULT, Clock.system());
            store.load(TestSessions.newId());
            server.stop();
            assertThatThrownBy(() -> store.load(TestSessions.newId())).isInstanceOf(SyncError.DependencyDown.class);
        }

        assertThat(calls).containsExactly("session.load ok", "session.load failed");
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
