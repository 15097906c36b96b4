package io.syncbridge.app.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.syncbridge.adapter.javalin.ws.WsClient;
import io.syncbridge.app.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that never read cannot exhaust the server's memory (issue 11, item 3): the jar runs in
 * memory in a JVM with a 256 MiB heap; 50 connections of one device stop reading while another
 * device writes 90 changes of 400 KiB. A broadcast is encoded once and shared, each send queue is
 * budgeted in bytes and all of them together by a process-wide cap, so the stalled connections are
 * closed (1013), /health/live answers throughout, no OutOfMemoryError is thrown and a client that
 * connects afterwards is served the latest state. And a replace of 1,100 keys over REST reaches a
 * v1 device that reads (item 7).
 */
class BoundedSendQueuesIT {

    private static final int STALLED = 50;
    private static final int CHANGES = 90;
    private static final int VALUE_BYTES = 400 * 1024;

    @TempDir
    private Path dir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void nonReadingConnectionsAreDroppedAndTheServerStaysHealthyUnderAFixedHeap() throws Exception {
        Map<String, String> env = serverEnvironment();
        Path log = dir.resolve("server.log");
        try (JarProcess server = JarProcess.start(List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError"), env, log)) {
            int port = server.port();
            String token = accessToken(port);
            String session = createSession(port, token);

            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicInteger liveFailures = new AtomicInteger();
            AtomicInteger liveChecks = new AtomicInteger();
            Thread prober = Thread.ofPlatform().start(() -> {
                while (writing.get()) {
                    if (live(port)) {
                        liveChecks.incrementAndGet();
                    } else {
                        liveFailures.incrementAndGet();
                    }
                    sleep(250);
                }
            });

            List<WsClient> stalled = new ArrayList<>();
            try (WsClient writer = join(port, token, session, "writer")) {
                for (int i = 0; i < STALLED; i++) {
                    WsClient client = join(port, token, session, "tv");
                    client.stopReading();
                    stalled.add(client);
                }
                String value = "x".repeat(VALUE_BYTES);
                for (int i = 1; i <= CHANGES; i++) {
                    writer.send("{\"type\":5,\"payload\":{\"key\":\"blob\",\"value\":\"" + i + ":" + value + "\"}}");
                }
                writer.send("{\"type\":1,\"correlation_id\":\"done\",\"payload\":{\"client_time\":1}}");
                assertThat(writer.await(2).path("correlation_id").asText()).isEqualTo("done");
            } finally {
                writing.set(false);
                prober.join();
                stalled.forEach(WsClient::close);
            }

            assertThat(liveFailures.get()).as("/health/live failures while writing").isZero();
            assertThat(liveChecks.get()).isPositive();
            assertThat(live(port)).as("/health/live after the clients left").isTrue();
            try (WsClient late = join(port, token, session, "laptop")) {
                late.send("{\"type\":3,\"payload\":{}}");
                JsonNode snapshot = late.await(4).path("payload");
                assertThat(snapshot.path("version").asLong()).isEqualTo(CHANGES);
                assertThat(snapshot.path("state_data").path("blob").asText()).startsWith(CHANGES + ":");
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(output).doesNotContain("OutOfMemoryError");
            assertThat(output).contains("send queue over its byte budget");
        }
    }

    /** Issue 11, item 7: a PUT of 1,100 top-level keys once closed a reading v1 device (1013) before it got any. */
    @Test
    void aRestPutOf1100TopLevelKeysReachesAV1DeviceThatReads() throws Exception {
        Map<String, String> env = serverEnvironment();
        try (JarProcess server = JarProcess.start(List.of("-Xmx256m"), env, dir.resolve("server.log"))) {
            int port = server.port();
            String token = accessToken(port);
            String session = createSession(port, token);
            try (WsClient reader = join(port, token, session, "laptop")) {
                StringBuilder body = new StringBuilder("{\"data\":{");
                for (int i = 0; i < 1_100; i++) {
                    body.append(i == 0 ? "" : ",").append("\"key-").append(i).append("\":\"value ").append(i)
                            .append('"');
                }
                body.append("}}");
                HttpResponse<String> put = http.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/v1/sessions/" + session + "/state"))
                        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + token)
                        .PUT(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

                java.util.Set<String> keys = new java.util.HashSet<>();
                for (int i = 0; i < 1_100; i++) {
                    keys.add(reader.await(5).path("payload").path("key").asText());
                }
                assertThat(keys).hasSize(1_100).contains("key-0", "key-1099");
                assertThat(reader.isClosed()).isFalse();
            }
        }
    }

    /** The jar in memory on a free loopback port, with the test secret and text logs. */
    private static Map<String, String> serverEnvironment() {
        return Map.of("SERVER_ADDR", "127.0.0.1:0", "JWT_SECRET", TestServer.JWT_SECRET, "LOG_FORMAT", "text");
    }

    private WsClient join(int port, String token, String session, String device) {
        WsClient client = WsClient.connect(http, URI.create("ws://127.0.0.1:" + port + "/ws"));
        ObjectNode auth = WsClient.JSON.createObjectNode().put("type", 7);
        auth.putObject("payload").put("token", token).put("session_id", session).put("device_id", device)
                .put("protocol", 1);
        client.send(auth);
        JsonNode success = client.await(8);
        assertThat(success.path("payload").path("session_id").asText()).isEqualTo(session);
        return client;
    }

    private String accessToken(int port) throws Exception {
        String username = "user-" + UUID.randomUUID().toString().substring(0, 8);
        String credentials = "{\"username\":\"" + username + "\",\"password\":\"correct horse battery\"}";
        HttpResponse<String> registered = post(port, "/v1/auth/register", null, credentials);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        HttpResponse<String> signedIn = post(port, "/v1/auth/token", null,
                "{\"grant_type\":\"password\"," + credentials.substring(1));
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
        return WsClient.JSON.readTree(signedIn.body()).get("access_token").asText();
    }

    private String createSession(int port, String token) throws Exception {
        HttpResponse<String> created = post(port, "/v1/sessions", token, "{\"name\":\"big\",\"type\":\"custom\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return WsClient.JSON.readTree(created.body()).get("id").asText();
    }

    private HttpResponse<String> post(int port, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private boolean live(int port) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/health/live")).timeout(Duration.ofSeconds(10))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
