package io.syncbridge.app.redis;

import static io.syncbridge.app.redis.Messages.change;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.syncbridge.adapter.javalin.ws.WsClient;
import io.syncbridge.app.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Several devices on two nodes write one MERGE session at once, each its own path, basing each
 * change on the newest version it knows and re-basing when told of a conflict: every acknowledged
 * change is in the log exactly once at the version it was acknowledged with, versions run without
 * a gap, and the state holds each device's last write.
 */
class ConcurrentMergeIT {

    private static final int DEVICES_PER_NODE = 2;
    private static final int CHANGES_PER_DEVICE = 20;
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private final SessionKeys keys = new SessionKeys(TestServer.SHARED_REDIS);
    private final String user = TestServer.newId("user");
    private final String session = keys.track(TestServer.newId("session"));
    private final List<TestServer> nodes = new ArrayList<>();

    /** What one acknowledged change wrote. */
    record Write(String path, int value) {
    }

    @AfterEach
    void stopNodes() {
        try {
            nodes.forEach(TestServer::close);
        } finally {
            keys.deleteAll();
        }
    }

    @Test
    void devicesOnBothNodesWritingTheirOwnPathsLoseNothing() throws Exception {
        nodes.add(TestServer.start(TestServer.SHARED_REDIS));
        nodes.add(TestServer.start(TestServer.SHARED_REDIS));
        try (WsClient setup = nodes.get(0).join(user, session, "setup", 2)) {
            setup.send(change("setup", 0, "add", "/shared", Map.of()));
            assertThat(setup.await(12).path("payload").path("version").asLong()).isEqualTo(1);
        }
        Map<Long, Write> acked = new ConcurrentHashMap<>();
        Map<String, Integer> conflicts = new ConcurrentHashMap<>();
        List<WsClient> clients = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        try {
            for (int i = 0; i < DEVICES_PER_NODE * nodes.size(); i++) {
                clients.add(nodes.get(i % nodes.size()).join(user, session, "device-" + i, 2));
                // Half write top-level keys, half siblings inside one object: neither conflicts with another.
                paths.add(i % 2 == 0 ? "/top-" + i : "/shared/device-" + i);
            }
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> writers = new ArrayList<>();
                for (int i = 0; i < clients.size(); i++) {
                    WsClient client = clients.get(i);
                    String path = paths.get(i);
                    String device = "device-" + i;
                    writers.add(pool.submit(() -> write(client, device, path, acked, conflicts)));
                }
                for (Future<?> writer : writers) {
                    writer.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
                }
            }
        } finally {
            clients.forEach(WsClient::close);
        }

        assertThat(acked).hasSize(clients.size() * CHANGES_PER_DEVICE);
        assertThat(conflicts).as("conflicts between disjoint paths, which MERGE always rebases").isEmpty();
        Map<Long, JsonNode> log = readLogFrom(nodes.get(1));
        long head = 1 + (long) clients.size() * CHANGES_PER_DEVICE;
        assertThat(log.keySet()).as("versions 1 to head without a gap")
                .containsExactlyElementsOf(LongStream.rangeClosed(1, head).boxed().toList());
        acked.forEach((version, write) -> assertThat(log.get(version).path("ops").get(0).path("path").asText())
                .as("the change logged at version %d", version).isEqualTo(write.path()));
        acked.forEach((version, write) -> assertThat(log.get(version).path("ops").get(0).path("value").asInt())
                .as("the value logged at version %d", version).isEqualTo(write.value()));
        JsonNode data = nodes.get(0).state(user, session).json().path("data");
        for (String path : paths) {
            assertThat(data.at(path).asInt(-1)).as("last write of %s", path).isEqualTo(CHANGES_PER_DEVICE);
        }
    }

    /** One device: each change based on the newest version it knows; a conflict re-bases and retries it. */
    private static Void write(WsClient client, String device, String path, Map<Long, Write> acked,
                              Map<String, Integer> conflicts) {
        long known = 1;
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        for (int value = 1; value <= CHANGES_PER_DEVICE; value++) {
            String mutation = device + "-" + value;
            client.send(change(mutation, known, value == 1 ? "add" : "replace", path, value));
            boolean done = false;
            while (!done) {
                assertThat(System.nanoTime()).as("%s within %s", mutation, DEADLINE).isLessThan(deadline);
                JsonNode message = client.next();
                JsonNode payload = message.path("payload");
                switch (message.path("type").asInt()) {
                    case 11 -> known = Math.max(known, payload.path("version").asLong());
                    case 12 -> {
                        assertThat(payload.path("mutation_id").asText()).isEqualTo(mutation);
                        assertThat(payload.path("outcome").asText()).isIn("applied", "rebased");
                        Write previous = acked.put(payload.path("version").asLong(), new Write(path, value));
                        assertThat(previous).as("version %s acknowledged twice", payload.path("version")).isNull();
                        known = Math.max(known, payload.path("version").asLong());
                        done = true;
                    }
                    case 13 -> {
                        conflicts.merge(device, 1, Integer::sum);
                        known = Math.max(known, payload.path("current_version").asLong());
                        client.send(change(mutation, known, value == 1 ? "add" : "replace", path, value));
                    }
                    case 22, 23 -> {
                        // Devices joining and leaving: not this test's business.
                    }
                    default -> throw new AssertionError(device + " got an unexpected message: " + message);
                }
            }
        }
        return null;
    }

    /** The whole change log, read as a device resuming from version 0 on {@code node}: version to change. */
    private Map<Long, JsonNode> readLogFrom(TestServer node) {
        try (WsClient reader = node.connect()) {
            ObjectNode auth = node.auth(user, session, "setup", 2);
            ((ObjectNode) auth.get("payload")).put("last_version", 0);
            reader.send(auth);
            reader.next(8);
            Map<Long, JsonNode> log = new TreeMap<>();
            reader.next(15).path("payload").path("changes").forEach(c -> log.put(c.path("version").asLong(), c));
            return log;
        }
    }
}
