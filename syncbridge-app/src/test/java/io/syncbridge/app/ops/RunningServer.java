package io.syncbridge.app.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.syncbridge.adapter.javalin.ws.WsClient;
import io.syncbridge.app.Application;
import io.syncbridge.app.Config;
import io.syncbridge.app.Wiring;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.error.SyncError;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.UserId;
import io.syncbridge.port.in.Caller;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The real server for the operations tests, started in this JVM from environment variables like
 * {@code java -jar} would be, with helpers to drive it over REST and WebSocket. With a database it
 * uses its own schema, dropped on close; the sessions it made are deleted on close (their Redis keys).
 */
final class RunningServer implements AutoCloseable {

    static final String JDBC_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String REDIS = "127.0.0.1:6379";
    static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "ops-test-secret-of-at-least-32-bytes!";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** An HTTP answer. */
    record Reply(int status, String text) {
        JsonNode json() {
            try {
                return JSON.readTree(text);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + text, e);
            }
        }
    }

    final Application app;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final String schema;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private final Map<String, String> sessionOwners = new HashMap<>();

    private RunningServer(Map<String, String> env, String schema) {
        this.schema = schema;
        this.app = Wiring.start(Config.from(env), "ops-test");
    }

    /**
     * Starts a server on a random loopback port with {@code extra} on top of the test defaults;
     * {@code withDatabase} gives it PostgreSQL in a fresh schema.
     */
    static RunningServer start(boolean withDatabase, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of("SERVER_ADDR", "127.0.0.1:0", "JWT_SECRET", SECRET,
                "LOG_FORMAT", "text", "REST_RATE_LIMIT", "10000/min", "WS_RATE_LIMIT", "10000/min"));
        String schema = null;
        if (withDatabase) {
            schema = "sb_ops_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
            env.putAll(Map.of("DATABASE_URL", JDBC_URL, "DATABASE_USER", "postgres", "DATABASE_SCHEMA", schema));
        }
        env.putAll(extra);
        try {
            return new RunningServer(env, schema);
        } catch (RuntimeException e) {
            dropSchema(schema);
            throw e;
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + app.port();
    }

    String userToken(String user) {
        return app.tokens().issueUserToken(new UserId(user)).token();
    }

    Reply call(String method, String path, String token, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(TIMEOUT);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            HttpRequest built = request.build();
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
            io.syncbridge.adapter.javalin.rest.OpenApiConformance.check(built, response);
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + path + " interrupted", e);
        }
    }

    /** Creates a session of {@code user} through the REST API: its id. */
    String createSession(String user, String name) {
        Reply created = call("POST", "/v1/sessions", userToken(user), Map.of("name", name, "type", "breathing"));
        if (created.status() != 201) {
            throw new IllegalStateException("creating a session answered " + created);
        }
        String id = created.json().path("id").asText();
        sessionOwners.put(id, user);
        return id;
    }

    /** A WebSocket connection of {@code device} authenticated on the session (protocol 2), AuthSuccess read. */
    WsClient join(String user, String session, String device) {
        return join(user, session, device, "other", "");
    }

    /** As {@link #join(String, String, String)}, describing the device: its kind ({@code ios}, {@code web}…) and name. */
    WsClient join(String user, String session, String device, String kind, String name) {
        WsClient client = WsClient.connect(http, URI.create("ws://127.0.0.1:" + app.port() + "/ws"));
        opened.add(client);
        ObjectNode auth = JSON.createObjectNode().put("type", 7);
        auth.putObject("payload").put("protocol", 2).put("token", app.tokens()
                .issueSessionToken(new UserId(user), SessionId.scoped(new UserId(user), session), new DeviceId(device)).token());
        ((ObjectNode) auth.get("payload")).putObject("device").put("type", kind).put("name", name);
        client.send(auth);
        JsonNode answer = client.next();
        if (answer.path("type").asInt() != 8) {
            throw new IllegalStateException("joining " + session + " as " + device + " answered " + answer);
        }
        return client;
    }

    /** A WebSocket change message (type 10) adding {@code value} at {@code path}. */
    static ObjectNode change(String mutationId, long baseVersion, String path, Object value) {
        ObjectNode message = JSON.createObjectNode().put("type", 10);
        message.set("payload", changePayload(mutationId, baseVersion, path, value));
        return message;
    }

    static ObjectNode changePayload(String mutationId, long baseVersion, String path, Object value) {
        ObjectNode payload = JSON.createObjectNode().put("mutation_id", mutationId).put("base_version", baseVersion);
        payload.putArray("ops").addObject().put("op", "add").put("path", path).set("value", JSON.valueToTree(value));
        return payload;
    }

    /** The repository's root folder (where {@code ops/} is), from wherever the build runs the test. */
    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("ops"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no ops/ folder above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    @Override
    public void close() {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                throw new IllegalStateException("closing a test connection failed", e);
            }
        }
        sessionOwners.forEach((id, owner) -> {
            try {
                app.core().sessions().delete(Caller.user(new UserId(owner)), SessionId.scoped(new UserId(owner), id));
            } catch (SyncError.SessionNotFound alreadyGone) {
                // Deleted by the test itself; nothing of it is left to clean.
            }
        });
        app.close();
        dropSchema(schema);
    }

    private static void dropSchema(String schema) {
        if (schema == null) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(JDBC_URL, "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("dropping schema " + schema + " failed", e);
        }
    }
}
