package io.syncbridge.app.redis;

import static io.syncbridge.app.redis.Messages.change;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.syncbridge.adapter.javalin.ws.WsClient;
import io.syncbridge.app.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node dies mid-stream (SIGKILL of its JVM) while a device writes through it: every change it
 * had acknowledged is in the state and change log that the surviving node serves, and the device
 * carries on through the survivor.
 */
class NodeCrashIT {

    private static final int MAX_CHANGES = 300;
    private static final int IN_FLIGHT = 8;
    private static final int ACKS_BEFORE_KILL = 40;
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    private Path dir;
    private final SessionKeys keys = new SessionKeys(TestServer.SHARED_REDIS);
    private final String user = TestServer.newId("user");
    private final String session = keys.track(TestServer.newId("session"));
    private TestServer survivor;
    private JarProcess victim;

    @AfterEach
    void stopEverything() throws InterruptedException {
        try {
            if (victim != null) {
                victim.close();
            }
            if (survivor != null) {
                survivor.close();
            }
        } finally {
            keys.deleteAll();
        }
    }

    @Test
    void killingANodeLosesNoChangeItAcknowledged() throws Exception {
        survivor = TestServer.start(TestServer.SHARED_REDIS);
        victim = JarProcess.start(TestServer.environment(TestServer.SHARED_REDIS), dir.resolve("victim.log"));
        Map<String, Long> acked = new ConcurrentHashMap<>();
        try (WsClient watcher = survivor.join(user, session, "watcher", 2);
             WsClient writer = survivor.connect(victim.port())) {
            writer.send(survivor.auth(user, session, "phone", 2));
            assertThat(writer.next(8).path("payload").path("session_id").asText()).isEqualTo(session);

            writeUntilTheNodeDies(writer, acked);

            assertThat(acked).as("changes acknowledged before the kill").hasSizeGreaterThanOrEqualTo(ACKS_BEFORE_KILL);
            assertEveryAcknowledgedChangeIsServedByTheSurvivor(acked);
            assertThat(deltaMutationIds(watcher, acked.keySet())).as("deltas the survivor's device got")
                    .containsAll(acked.keySet());
        }
        long lastAcked = acked.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        try (WsClient back = survivor.connect()) {
            ObjectNode auth = survivor.auth(user, session, "phone", 2);
            ((ObjectNode) auth.get("payload")).put("last_version", lastAcked);
            back.send(auth);
            long head = back.next(8).path("payload").path("version").asLong();
            assertThat(back.next(15).path("payload").path("to_version").asLong()).isEqualTo(head);
            back.send(change("after-crash", head, "add", "/after", true));
            JsonNode ack = back.await(12).path("payload");
            assertThat(ack.path("version").asLong()).isEqualTo(head + 1);
        }
    }

    /** Pipelines changes (a bounded window in flight) and kills the node once enough were acknowledged. */
    private void writeUntilTheNodeDies(WsClient writer, Map<String, Long> acked) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong known = new AtomicLong();
        Thread sender = Thread.ofVirtual().start(() -> {
            for (int i = 1; i <= MAX_CHANGES && !stop.get(); i++) {
                while (i - acked.size() > IN_FLIGHT && !stop.get()) {
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                try {
                    writer.send(change("w-" + i, known.get(), "add", "/k" + i, i));
                } catch (RuntimeException socketGone) {
                    return;
                }
            }
        });
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        boolean killed = false;
        try {
            while (System.nanoTime() < deadline) {
                JsonNode message = writer.poll(Duration.ofSeconds(killed ? 1 : 10));
                if (message == null) {
                    assertThat(killed).as("the writer's node stopped answering before it was killed").isTrue();
                    return;
                }
                if (message.path("type").asInt() == 12) {
                    JsonNode ack = message.path("payload");
                    acked.put(ack.path("mutation_id").asText(), ack.path("version").asLong());
                    known.accumulateAndGet(ack.path("version").asLong(), Math::max);
                } else {
                    assertThat(message.path("type").asInt()).as("unexpected answer %s", message).isIn(11, 22, 23);
                }
                if (!killed && acked.size() >= ACKS_BEFORE_KILL) {
                    victim.kill();
                    killed = true;
                }
            }
            throw new AssertionError("the writer's connection did not end within " + DEADLINE);
        } finally {
            stop.set(true);
            sender.join(Duration.ofSeconds(10));
        }
    }

    private void assertEveryAcknowledgedChangeIsServedByTheSurvivor(Map<String, Long> acked) {
        JsonNode state = survivor.state(user, session).json();
        for (String mutation : acked.keySet()) {
            int i = Integer.parseInt(mutation.substring(2));
            assertThat(state.path("data").path("k" + i).asInt(-1)).as("value of acknowledged %s", mutation).isEqualTo(i);
        }
        try (WsClient reader = survivor.connect()) {
            ObjectNode auth = survivor.auth(user, session, "reader", 2);
            ((ObjectNode) auth.get("payload")).put("last_version", 0);
            reader.send(auth);
            long head = reader.next(8).path("payload").path("version").asLong();
            JsonNode changes = reader.next(15).path("payload").path("changes");
            List<Long> versions = new ArrayList<>();
            Map<String, Integer> writesPerPath = new HashMap<>();
            changes.forEach(c -> {
                versions.add(c.path("version").asLong());
                c.path("ops").forEach(op -> writesPerPath.merge(op.path("path").asText(), 1, Integer::sum));
            });
            assertThat(head).isEqualTo(state.path("version").asLong());
            assertThat(versions).as("the log, 1 to head without a gap")
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, head).boxed().toList());
            Set<String> ackedPaths = ConcurrentHashMap.newKeySet();
            acked.keySet().forEach(m -> ackedPaths.add("/k" + m.substring(2)));
            ackedPaths.forEach(path -> assertThat(writesPerPath.get(path)).as("entries for %s", path).isEqualTo(1));
        }
    }

    /** The mutation ids of the deltas the watcher received, read until it has every expected one (bounded). */
    private static Set<String> deltaMutationIds(WsClient watcher, Set<String> expected) {
        Set<String> ids = new java.util.HashSet<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!ids.containsAll(expected) && System.nanoTime() < deadline) {
            JsonNode message = watcher.poll(Duration.ofMillis(200));
            if (message != null && message.path("type").asInt() == 11) {
                ids.add(message.path("payload").path("mutation_id").asText());
            }
        }
        return ids;
    }
}
