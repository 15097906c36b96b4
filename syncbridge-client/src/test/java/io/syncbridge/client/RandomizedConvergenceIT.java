package io.syncbridge.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.state.JsonPointer;
import io.syncbridge.domain.state.JsonValue;
import io.syncbridge.domain.state.PatchOperation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Four clients, two on each of two server nodes sharing the Redis on 127.0.0.1:6379 (under a key
 * prefix of this test's own), make random changes while their links are cut and restored at
 * random (fixed seeds, a bounded number of steps). At the end every client holds the server's
 * state and version, and the server's version counts every change exactly once.
 */
@Execution(ExecutionMode.SAME_THREAD)
class RandomizedConvergenceIT {

    private static final String REDIS = "127.0.0.1:6379";
    private static final String PREFIX = "w14-client-it-" + UUID.randomUUID().toString().substring(0, 8) + ":";
    private static final int CLIENTS = 4;
    private static final int STEPS = 300;
    private static TestServer nodeA;
    private static TestServer nodeB;

    @BeforeAll
    static void startNodes() {
        nodeA = TestServer.onRedis(REDIS, Map.of("REDIS_KEY_PREFIX", PREFIX));
        nodeB = TestServer.onRedis(REDIS, Map.of("REDIS_KEY_PREFIX", PREFIX));
    }

    @AfterAll
    static void stopNodesAndDeleteKeys() {
        try {
            nodeA.close();
            nodeB.close();
        } finally {
            try (Jedis jedis = new Jedis("127.0.0.1", 6379)) {
                String cursor = ScanParams.SCAN_POINTER_START;
                do {
                    ScanResult<String> page = jedis.scan(cursor, new ScanParams().match(PREFIX + "*").count(500));
                    if (!page.getResult().isEmpty()) {
                        jedis.del(page.getResult().toArray(String[]::new));
                    }
                    cursor = page.getCursor();
                } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {14, 1_414})
    void randomChangesAndLinkCutsOnTwoNodesConvergeToTheServerWithEveryChangeOnce(long seed) throws Exception {
        Random random = new Random(seed);
        String user = TestServer.newId("user");
        String session = TestServer.newId("session");
        List<CuttableProxy> links = new ArrayList<>();
        List<LiveSession> clients = new ArrayList<>();
        List<CompletableFuture<ChangeAck>> acks = new ArrayList<>();
        Set<String> uniqueKeys = new HashSet<>();
        try {
            for (int c = 0; c < CLIENTS; c++) {
                TestServer node = c % 2 == 0 ? nodeA : nodeB;
                CuttableProxy link = new CuttableProxy(node.port());
                links.add(link);
                clients.add(LiveSessionSyncTest.client(node, TestServer.endpoint(link.port()), user, session,
                        "device" + c).random(new Random(seed + c)).connect());
            }
            for (LiveSession client : clients) {
                client.connected().get(60, TimeUnit.SECONDS);
            }
            boolean[] cut = new boolean[CLIENTS];
            for (int step = 0; step < STEPS; step++) {
                int c = random.nextInt(CLIENTS);
                int roll = random.nextInt(100);
                if (roll < 60) {
                    String key = "k" + c + "_" + step;
                    uniqueKeys.add(key);
                    acks.add(clients.get(c).change(add("/" + key, step)));
                } else if (roll < 75) {
                    // A few keys every client writes: conflicts, re-applied by the default handler.
                    acks.add(clients.get(c).change(add("/shared" + random.nextInt(3), c * 1_000L + step)));
                } else if (roll < 88) {
                    if (!cut[c]) {
                        links.get(c).cut();
                        cut[c] = true;
                    }
                } else if (cut[c]) {
                    links.get(c).restore();
                    cut[c] = false;
                }
                Thread.sleep(random.nextInt(15));
            }
            links.forEach(CuttableProxy::restore);

            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(180, TimeUnit.SECONDS);
            Session onServer = nodeA.session(user, session);
            assertThat(onServer.version()).as("every acknowledged change applied exactly once")
                    .isEqualTo(acks.size());
            assertThat(acks).extracting(f -> f.join().version()).doesNotHaveDuplicates();
            for (String key : uniqueKeys) {
                assertThat(onServer.state().root().members()).containsKey(key);
            }
            for (LiveSession client : clients) {
                Waits.until("client at the server's version " + onServer.version(), Duration.ofSeconds(120),
                        () -> client.version() == onServer.version() && client.pendingChanges() == 0,
                        () -> "version " + client.version() + ", status " + client.status());
                assertThat(client.state()).isEqualTo(onServer.state().root());
            }
            assertThat(nodeB.session(user, session).state()).isEqualTo(onServer.state());
        } finally {
            clients.forEach(LiveSession::close);
            for (CuttableProxy link : links) {
                link.close();
            }
        }
    }

    private static PatchOperation add(String path, long value) {
        return new PatchOperation.Add(JsonPointer.parse(path), JsonValue.of(value));
    }
}
