package io.syncbridge.app.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.syncbridge.adapter.javalin.ws.WsClient;
import io.syncbridge.app.Application;
import io.syncbridge.app.Config;
import io.syncbridge.app.Wiring;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The real server ({@link Wiring#start}) on a random port, configured like production through its
 * environment variables (PostgreSQL in the given schema, optionally Redis), and a java.net.http
 * client that speaks REST and WebSocket to it.
 */
final class ServerFixture implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String PASSWORD = "correct horse battery";
    /** Shared by every instance of a test, so that tokens survive a restart. */
    static final String JWT_SECRET = "postgres-e2e-secret-of-at-least-32-bytes";

    private final Application application;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ServerFixture(Application application) {
        this.application = application;
    }

    /** The environment of a server on {@code databaseUrl}, tables in {@code schema}; sessions on Redis when asked. */
    static Map<String, String> environment(String databaseUrl, String schema, boolean redis) {
        Map<String, String> env = new HashMap<>();
        env.put("SERVER_ADDR", "127.0.0.1:0");
        env.put("JWT_SECRET", JWT_SECRET);
        env.put("DATABASE_URL", databaseUrl);
        env.put("DATABASE_USER", TestSchema.USER);
        env.put("DATABASE_SCHEMA", schema);
        env.put("LOG_FORMAT", "text");
        // The listing test creates a few hundred sessions in a burst; the edge limit is not under test here.
        env.put("REST_RATE_LIMIT", "100000/min");
        // ... and of one user: the sessions quota is not under test here either.
        env.put("QUOTA_SESSIONS_PER_USER", "1000");
        if (redis) {
            env.put("REDIS_ADDR", TestRedisKeys.ADDRESS);
        }
        return env;
    }

    static ServerFixture start(Map<String, String> env) {
        return new ServerFixture(Wiring.start(Config.from(env), "test"));
    }

    int port() {
        return application.port();
    }

    @Override
    public void close() {
        application.stop();
    }

    /** A response: status and body (parsed as JSON, or null when empty or not JSON). */
    record Reply(int status, String text, JsonNode json) {
        /** The error code of an error body. */
        String code() {
            return json == null ? null : json.path("code").asText(null);
        }
    }

    Reply call(String method, String path, String token, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
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
            return new Reply(response.statusCode(), response.body(), parse(response.body()));
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Reply get(String path, String token) {
        return call("GET", path, token, null);
    }

    Reply post(String path, String token, Object body) {
        return call("POST", path, token, body);
    }

    /** A fresh username, unique across runs. */
    static String newUsername() {
        return "pg-e2e-" + UUID.randomUUID().toString().substring(0, 12);
    }

    Reply register(String username) {
        return post("/v1/auth/register", null, Map.of("username", username, "password", PASSWORD));
    }

    /** The password grant. */
    Reply login(String username) {
        return post("/v1/auth/token", null, Map.of("grant_type", "password", "username", username,
                "password", PASSWORD));
    }

    /** Registers and signs in a new user: the access token. */
    String newUserToken() {
        String username = newUsername();
        require(register(username), 201);
        return require(login(username), 200).json().get("access_token").asText();
    }

    /** Creates a session with the given id as the token's user. */
    Reply createSession(String token, String id, String name, String type) {
        return post("/v1/sessions", token, Map.of("id", id, "name", name, "type", type));
    }

    /** A session-scoped token for {@code device} of the session, as a client gets it for the WebSocket. */
    String sessionToken(String userToken, String session, String device) {
        return require(post("/v1/sessions/" + session + "/tokens", userToken, Map.of("deviceId", device)), 201)
                .json().get("token").asText();
    }

    /** A WebSocket connection authenticated on the session as the device (of that kind); AuthSuccess consumed. */
    WsClient join(String userToken, String session, String device, String kind) {
        WsClient client = WsClient.connect(http, URI.create("ws://127.0.0.1:" + port() + "/ws"));
        ObjectNode auth = JSON.createObjectNode().put("type", 7);
        ObjectNode payload = auth.putObject("payload").put("token", sessionToken(userToken, session, device));
        payload.putObject("device").put("type", kind).put("name", device + " of the test")
                .put("user_agent", "ServerFixture/1");
        client.send(auth);
        JsonNode answer = client.next();
        if (answer.path("type").asInt() != 8) {
            client.close();
            throw new IllegalStateException("Auth of " + device + " refused: " + answer);
        }
        return client;
    }

    static Reply require(Reply reply, int status) {
        if (reply.status() != status) {
            throw new IllegalStateException("expected " + status + " but got " + reply.status() + ": " + reply.text());
        }
        return reply;
    }

    static String write(Object value) {
        try {
            return value instanceof String s ? s : JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String text) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (IOException notJson) {
            return null;
        }
    }
}
