package io.syncbridge.app.redis;

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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One SyncBridge server started in this JVM by the real wiring on a random port, and the clients
 * the tests talk to it with: WebSocket connections (adapter-javalin's test client) and plain HTTP.
 */
final class ServerNode implements AutoCloseable {

    /** Shared by every node of a test, as the nodes of one deployment share it. */
    static final String JWT_SECRET = "multi-node-test-secret-of-at-least-32-bytes";
    static final String SHARED_REDIS = "127.0.0.1:6379";

    private final Application application;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ServerNode(Application application) {
        this.application = application;
    }

    /** A node on the given Redis, with generous rate limits so that only what a test does counts. */
    static ServerNode start(String redisAddr) {
        return new ServerNode(Wiring.start(Config.from(environment(redisAddr)), "test"));
    }

    /** A node on the in-memory stores. */
    static ServerNode startInMemory() {
        return new ServerNode(Wiring.start(Config.from(environment(null)), "test"));
    }

    /** A node from an environment (see {@link #environment}), with whatever a test adds to it. */
    static ServerNode start(Map<String, String> environment) {
        return new ServerNode(Wiring.start(Config.from(environment), "test"));
    }

    /** A node on the given Redis with {@code extra} variables on top of the test environment. */
    static ServerNode start(String redisAddr, Map<String, String> extra) {
        Map<String, String> env = environment(redisAddr);
        env.putAll(extra);
        return new ServerNode(Wiring.start(Config.from(env), "test"));
    }

    /** The environment a node of the tests runs with; {@link JarProcess} passes the same to a child JVM. */
    static Map<String, String> environment(String redisAddr) {
        Map<String, String> env = new HashMap<>();
        env.put("SERVER_ADDR", "127.0.0.1:0");
        env.put("JWT_SECRET", JWT_SECRET);
        if (redisAddr != null) {
            env.put("REDIS_ADDR", redisAddr);
        }
        env.put("LOG_FORMAT", "text");
        env.put("WS_RATE_LIMIT", "10000/min");
        env.put("REST_RATE_LIMIT", "10000/min");
        return env;
    }

    static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    int port() {
        return application.port();
    }

    String sessionToken(String user, String session, String device) {
        return application.tokens().issueSessionToken(new UserId(user), SessionId.scoped(new UserId(user), session), new DeviceId(device))
                .token();
    }

    String userToken(String user) {
        return application.tokens().issueUserToken(new UserId(user)).token();
    }

    WsClient connect() {
        return connect(port());
    }

    /** A WebSocket connection to whichever server listens on {@code port} (e.g. a {@link JarProcess}). */
    WsClient connect(int port) {
        return WsClient.connect(http, URI.create("ws://127.0.0.1:" + port + "/ws"));
    }

    /** Auth (7) for {@code device} on {@code session}, protocol 1 or 2; extra payload fields may be added. */
    ObjectNode auth(String user, String session, String device, int protocol) {
        ObjectNode message = WsClient.JSON.createObjectNode().put("type", 7);
        message.putObject("payload").put("token", sessionToken(user, session, device)).put("protocol", protocol);
        return message;
    }

    /** A connection authenticated on {@code session}; its AuthSuccess is consumed and checked. */
    WsClient join(String user, String session, String device, int protocol) {
        WsClient client = connect();
        client.send(auth(user, session, device, protocol));
        JsonNode success = client.next();
        assertThat(success.path("type").asInt()).as("answer to Auth: %s", success).isEqualTo(8);
        return client;
    }

    /** An HTTP answer: status and the body parsed as JSON (null when there is none). */
    record Reply(int status, String text, JsonNode json) {
    }

    Reply call(String method, String path, String token, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
                .timeout(Duration.ofSeconds(20));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json").method(method,
                        HttpRequest.BodyPublishers.ofString(WsClient.JSON.writeValueAsString(body)));
            }
            HttpRequest built = request.build();
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            io.syncbridge.adapter.javalin.rest.OpenApiConformance.check(built, response);
            JsonNode json = response.body().isBlank() ? null : readOrNull(response.body());
            return new Reply(response.statusCode(), response.body(), json);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Registers {@code username} (password "correct horse") and signs in: the access token and the refresh token. */
    SignedIn signUp(String username) {
        Reply registered = call("POST", "/v1/auth/register", null,
                Map.of("username", username, "password", "correct horse"));
        assertThat(registered.status()).as("register: %s", registered.text()).isEqualTo(201);
        return signIn(username);
    }

    SignedIn signIn(String username) {
        Reply token = call("POST", "/v1/auth/token", null,
                Map.of("grant_type", "password", "username", username, "password", "correct horse"));
        assertThat(token.status()).as("sign in: %s", token.text()).isEqualTo(200);
        return new SignedIn(token.json().get("access_token").asText(), token.json().get("refresh_token").asText());
    }

    /** What signing in hands out. */
    record SignedIn(String accessToken, String refreshToken) {
    }

    /** A device token for {@code session} minted over REST with {@code userToken}. */
    String mintDeviceToken(String userToken, String session, String device) {
        Reply minted = call("POST", "/v1/sessions/" + session + "/tokens", userToken, Map.of("deviceId", device));
        assertThat(minted.status()).as("mint: %s", minted.text()).isEqualTo(201);
        return minted.json().get("token").asText();
    }

    /** An Auth (7) with {@code token} on a fresh connection: the answer (8 or 9). */
    JsonNode authenticate(String token) {
        try (WsClient client = connect()) {
            ObjectNode auth = WsClient.JSON.createObjectNode().put("type", 7);
            auth.putObject("payload").put("token", token);
            client.send(auth);
            return client.next();
        }
    }

    /** The session's state document as this node serves it over REST. */
    Reply state(String user, String session) {
        return call("GET", "/v1/sessions/" + session + "/state", userToken(user), null);
    }

    private static JsonNode readOrNull(String text) {
        try {
            return WsClient.JSON.readTree(text);
        } catch (IOException notJson) {
            return null;
        }
    }

    @Override
    public void close() {
        application.stop();
    }
}
