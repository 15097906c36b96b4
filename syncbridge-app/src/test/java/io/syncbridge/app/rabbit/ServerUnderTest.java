package io.syncbridge.app.rabbit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.syncbridge.adapter.javalin.ws.WsClient;
import io.syncbridge.app.Application;
import io.syncbridge.app.Config;
import io.syncbridge.app.Wiring;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.UserId;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The real server started in-process from environment variables, with a REST and WebSocket client for it. */
final class ServerUnderTest implements AutoCloseable {

    static final String JWT_SECRET = "rabbit-e2e-secret-of-at-least-32-bytes!";

    final Application app;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ServerUnderTest(Application app) {
        this.app = app;
    }

    /** Starts on a random loopback port with {@code env} on top of the test defaults. */
    static ServerUnderTest start(Map<String, String> env) {
        Map<String, String> all = new HashMap<>();
        all.put("SERVER_ADDR", "127.0.0.1:0");
        all.put("JWT_SECRET", JWT_SECRET);
        all.put("LOG_FORMAT", "text");
        all.put("REST_RATE_LIMIT", "100000/min");
        all.put("WS_RATE_LIMIT", "100000/min");
        all.putAll(env);
        return new ServerUnderTest(Wiring.start(Config.from(all), "test"));
    }

    /** An HTTP answer: status and the body parsed as JSON (null when empty). */
    record Reply(int status, JsonNode json, String text) {
    }

    String userToken(String user) {
        return app.tokens().issueUserToken(new UserId(user)).token();
    }

    String sessionToken(String user, String session, String device) {
        return app.tokens().issueSessionToken(new UserId(user), SessionId.scoped(new UserId(user), session), new DeviceId(device)).token();
    }

    Reply call(String method, String path, String token, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(write(body)));
        }
        try {
            HttpRequest built = request.build();
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
            io.syncbridge.adapter.javalin.rest.OpenApiConformance.check(built, response);
            JsonNode json = response.body().isBlank() ? null : readJsonOrNull(response.body());
            return new Reply(response.statusCode(), json, response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Calls and checks the status, returning the body. */
    JsonNode expect(int status, String method, String path, String token, Object body) {
        Reply reply = call(method, path, token, body);
        assertThat(reply.status()).as("%s %s answered %s", method, path, reply.text()).isEqualTo(status);
        return reply.json();
    }

    /** Creates a session through REST: its id. */
    String createSession(String token, Map<String, Object> body) {
        return expect(201, "POST", "/v1/sessions", token, body).path("id").asText();
    }

    /** A WebSocket authenticated as {@code device}, AuthSuccess consumed; {@code extra} goes into the Auth payload. */
    WsClient join(String user, String session, String device, int protocol, Map<String, Object> extra) {
        WsClient client = WsClient.connect(HttpClient.newHttpClient(), URI.create("ws://127.0.0.1:" + app.port() + "/ws"));
        ObjectNode auth = WsClient.JSON.createObjectNode().put("type", 7);
        ObjectNode payload = auth.putObject("payload");
        payload.put("token", sessionToken(user, session, device)).put("protocol", protocol);
        extra.forEach((k, v) -> payload.set(k, WsClient.JSON.valueToTree(v)));
        client.send(auth);
        JsonNode success = client.next();
        assertThat(success.path("type").asInt()).as("answer to Auth: %s", success).isEqualTo(8);
        return client;
    }

    WsClient join(String user, String session, String device, int protocol) {
        return join(user, session, device, protocol, Map.of());
    }

    /** A WebSocket that authenticates with a raw Auth payload; the caller reads the answer. */
    WsClient connectWith(Map<String, Object> authPayload) {
        WsClient client = WsClient.connect(HttpClient.newHttpClient(), URI.create("ws://127.0.0.1:" + app.port() + "/ws"));
        client.send(7, authPayload);
        return client;
    }

    /** The outbox depth the server exports: events recorded and not yet confirmed by the broker. */
    long outboxDepth() {
        Reply metrics = call("GET", "/metrics", null, null);
        assertThat(metrics.status()).isEqualTo(200);
        for (String line : metrics.text().split("\n")) {
            if (line.startsWith("syncbridge_outbox_depth ") || line.startsWith("syncbridge_outbox_depth{")) {
                return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("no syncbridge_outbox_depth in /metrics:\n" + metrics.text());
    }

    Reply health() {
        return call("GET", "/health", null, null);
    }

    Reply ready() {
        return call("GET", "/health/ready", null, null);
    }

    static String write(Object value) {
        try {
            return value instanceof String s ? s : WsClient.JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode readJsonOrNull(String text) {
        try {
            return WsClient.JSON.readTree(text);
        } catch (IOException notJson) {
            return null;
        }
    }

    @Override
    public void close() {
        app.close();
    }
}
