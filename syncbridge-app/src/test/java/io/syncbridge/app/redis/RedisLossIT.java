package io.syncbridge.app.redis;

import static io.syncbridge.app.redis.Messages.change;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.syncbridge.adapter.javalin.ws.Eventually;
import io.syncbridge.adapter.javalin.ws.WsClient;
import io.syncbridge.adapter.redis.RedisServerProcess;
import io.syncbridge.app.TestServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session store's Redis restarted under load, with PostgreSQL as the durable tier. Without
 * persistence Redis comes back empty: every session is restored from its last checkpoint, every
 * change acknowledged longer than the checkpoint interval before the restart is there, and a
 * device that saw more is told {@code server_behind}. With an append-only file nothing is lost.
 * Each writer counts what it was acknowledged, with the time.
 */
class RedisLossIT {

    private static final Logger LOG = LoggerFactory.getLogger(RedisLossIT.class);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration INTERVAL = Duration.ofSeconds(1);
    /** Beyond the interval: one flush's duration and scheduling on a loaded machine. */
    private static final Duration SLACK = Duration.ofSeconds(2);
    private static final int SESSIONS = 4;
    private static final Duration LOAD = Duration.ofSeconds(3);
    private static final String DATABASE_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    @TempDir
    private Path dir;
    private RedisServerProcess redis;
    private TestServer node;
    private final String schema = "sbtest_loss_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final String user = TestServer.newId("user");

    /** One writer's acknowledged versions, each with when the acknowledgement arrived (nanoTime). */
    private record Acked(long version, long atNanos) {
    }

    @AfterEach
    void stopEverything() throws Exception {
        try {
            if (node != null) {
                node.close();
            }
        } finally {
            try {
                if (redis != null) {
                    redis.close();
                }
            } finally {
                try (Connection connection = DriverManager.getConnection(DATABASE_URL, "postgres", "");
                     Statement statement = connection.createStatement()) {
                    statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                }
            }
        }
    }

    @Test
    void withoutPersistenceANodeThatLivesOnPutsEverySessionBackAtItsLastAcknowledgedVersion() throws Exception {
        redis = RedisServerProcess.start(dir);
        node = TestServer.start(redis.address(), durableTier());
        assertThat(node.call("GET", "/health", null, null).json().path("dependencies").path("cache")
                .path("backend").asText()).contains(" none (sessions restored from PostgreSQL checkpoints after a loss)");
        Map<String, List<Acked>> acked = loadThenRestart(node.port(), () -> {
        });

        long total = 0;
        for (Map.Entry<String, List<Acked>> entry : acked.entrySet()) {
            // The node still held the heads it had not checkpointed yet: it writes them, and restores from them.
            assertThat(restoredVersion(entry.getKey())).as("session %s after the restart", entry.getKey())
                    .isEqualTo(entry.getValue().getLast().version());
            total += entry.getValue().size();
        }
        LOG.info("Redis without persistence restarted under a live node: {} changes acknowledged, 0 lost", total);
    }

    @Test
    void withoutPersistenceAndTheNodeKilledTooEverySessionComesBackFromItsCheckpointAndDevicesAheadAreToldServerBehind()
            throws Exception {
        redis = RedisServerProcess.start(dir);
        node = TestServer.start(redis.address(), durableTier());
        Map<String, String> victimEnv = TestServer.environment(redis.address());
        victimEnv.putAll(durableTier());
        victimEnv.put("DATABASE_MIGRATE", "false");
        try (JarProcess victim = JarProcess.start(victimEnv, dir.resolve("victim.log"))) {
            Map<String, List<Acked>> acked = loadThenRestart(victim.port(), victim::kill);

            long lostChanges = 0;
            long lossWindowNanos = 0;
            int ahead = 0;
            for (Map.Entry<String, List<Acked>> entry : acked.entrySet()) {
                String session = entry.getKey();
                List<Acked> versions = entry.getValue();
                long restored = restoredVersion(session);
                assertThat(restored).as("session %s restored from a checkpoint, not re-created empty", session)
                        .isPositive();
                for (Acked ack : versions) {
                    if (ack.version() > restored) {
                        lostChanges++;
                        lossWindowNanos = Math.max(lossWindowNanos, restartedAt - ack.atNanos());
                    }
                }
                long lastAcked = versions.getLast().version();
                if (lastAcked > restored) {
                    ahead++;
                    assertToldServerBehind(session, lastAcked, restored);
                }
            }
            long total = acked.values().stream().mapToLong(List::size).sum();
            LOG.info("Redis without persistence restarted and its node killed: {} changes acknowledged, {} lost; "
                            + "loss window {} ms (checkpoint interval {} ms); {} of {} sessions ahead of the server",
                    total, lostChanges, lossWindowNanos / 1_000_000, INTERVAL.toMillis(), ahead, SESSIONS);
            assertThat(Duration.ofNanos(lossWindowNanos)).as("oldest lost acknowledgement before the restart")
                    .isLessThanOrEqualTo(INTERVAL.plus(SLACK));
            assertThat(ahead).as("sessions that lost their last changes (killed a third of an interval after a flush)")
                    .isPositive();
        }
    }

    @Test
    void withAnAppendOnlyFileNoAcknowledgedChangeIsLost() throws Exception {
        redis = RedisServerProcess.startAppendOnly(dir);
        node = TestServer.start(redis.address(), durableTier());
        assertThat(node.call("GET", "/health", null, null).json().path("dependencies").path("cache")
                .path("backend").asText()).contains("AOF (appendfsync always)");
        Map<String, List<Acked>> acked = loadThenRestart(node.port(), () -> {
        });

        long total = 0;
        for (Map.Entry<String, List<Acked>> entry : acked.entrySet()) {
            long lastAcked = entry.getValue().getLast().version();
            assertThat(restoredVersion(entry.getKey())).as("session %s after the restart", entry.getKey())
                    .isEqualTo(lastAcked);
            total += entry.getValue().size();
        }
        LOG.info("Redis with AOF (appendfsync always) restarted: {} changes acknowledged, 0 lost", total);
    }

    private Map<String, String> durableTier() {
        return Map.of("DATABASE_URL", DATABASE_URL, "DATABASE_USER", "postgres", "DATABASE_SCHEMA", schema,
                "CHECKPOINT_INTERVAL", INTERVAL.toMillis() + "ms");
    }

    /** Something the test does to the writers' node together with the Redis restart. */
    @FunctionalInterface
    private interface Blow {
        void land() throws Exception;
    }

    private long restartedAt;

    /**
     * Writers on every session, on the node at {@code writersPort}, for {@link #LOAD}; stopped just
     * before Redis is (so every acknowledgement is counted), {@code blow} lands, Redis starts again empty or not.
     */
    private Map<String, List<Acked>> loadThenRestart(int writersPort, Blow blow) throws Exception {
        Map<String, List<Acked>> acked = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> writers = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
            String session = TestServer.newId("session");
            List<Acked> versions = new ArrayList<>();
            acked.put(session, versions);
            WsClient client = node.connect(writersPort);
            client.send(node.auth(user, session, "writer", 2));
            assertThat(client.next(8).path("payload").path("version").asLong()).isZero();
            writers.add(Thread.ofPlatform().start(() -> {
                try (client) {
                    long version = 0;
                    while (!stop.get()) {
                        client.send(change("m-" + version, version, "add", "/k" + (version + 1), version + 1));
                        JsonNode ack = client.await(12).path("payload");
                        version = ack.path("version").asLong();
                        versions.add(new Acked(version, System.nanoTime()));
                    }
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            }));
        }
        Thread.sleep(LOAD.toMillis());
        // Once the last flush is a third of an interval old, the changes acknowledged since are not checkpointed.
        Eventually.until("a checkpoint lag of a third of the interval", WAIT,
                () -> checkpointLagSeconds(writersPort) >= INTERVAL.toMillis() / 3000.0);
        stop.set(true);
        for (Thread writer : writers) {
            writer.join(WAIT.toMillis());
        }
        restartedAt = System.nanoTime();
        blow.land();
        redis.stop();
        assertThat(failures).as("writers").isEmpty();
        redis.start();
        Eventually.until("ready again", WAIT, () -> node.call("GET", "/health/ready", null, null).status() == 200);
        return acked;
    }

    /** The session's version as the server serves it after the restart; its state holds exactly /k1../kN. */
    private long restoredVersion(String session) {
        TestServer.Reply state = node.state(user, session);
        assertThat(state.status()).as("state of %s: %s", session, state.text()).isEqualTo(200);
        long version = state.json().path("version").asLong();
        JsonNode data = state.json().path("data");
        assertThat(data.size()).as("keys of %s at version %d", session, version).isEqualTo((int) version);
        for (long v = 1; v <= version; v++) {
            assertThat(data.path("k" + v).asLong()).as("/k%d of %s", v, session).isEqualTo(v);
        }
        return version;
    }

    private void assertToldServerBehind(String session, long lastAcked, long restored) {
        try (WsClient device = node.connect()) {
            ObjectNode auth = node.auth(user, session, "writer", 2);
            ((ObjectNode) auth.get("payload")).put("last_version", lastAcked);
            device.send(auth);
            assertThat(device.next(8).path("payload").path("version").asLong()).isEqualTo(restored);
            JsonNode reset = device.next(4).path("payload");
            assertThat(reset.path("reset").asBoolean()).isTrue();
            assertThat(reset.path("reason").asText()).isEqualTo("server_behind");
            assertThat(reset.path("server_version").asLong()).isEqualTo(restored);
        }
    }

    private static double checkpointLagSeconds(int port) {
        String metrics;
        try {
            metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        for (String line : metrics.split("\n")) {
            if (line.startsWith("syncbridge_checkpoint_lag_seconds")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("no syncbridge_checkpoint_lag_seconds in /metrics");
    }
}
