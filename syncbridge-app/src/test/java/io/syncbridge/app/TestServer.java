package io.syncbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.syncbridge.adapter.javalin.rest.OpenApiConformance;
import io.syncbridge.adapter.javalin.ws.WsClient;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The one server of the end-to-end tests: the real wiring ({@link Wiring#start}) in this JVM on a
 * random loopback port, configured through environment variables as {@code java -jar} would be,
 * with the clients the tests speak to it with (REST over java.net.http, every answer checked
 * against the OpenAPI document; WebSocket through adapter-javalin's test client). Closing it stops
 * the server and removes what it was given to clean up (its connections, sessions and schema).
 */
public final class TestServer implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper();
    /** Shared by every server of the tests, as the nodes of one deployment share it (and restarts keep tokens good). */
    public static final String JWT_SECRET = "end-to-end-test-secret-of-at-least-32-bytes";
    public static final String PASSWORD = "correct horse battery";
    /** The test machine's Redis. */
    public static final String SHARED_REDIS = "127.0.0.1:6379";

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** The limits tests wait out slow answers on purpose. */
    private static final Duration UNCHECKED_REQUEST_TIMEOUT = Duration.ofSeconds(60);

    public final Application app;
    public final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final boolean checksAnswers;
    private final Optional<TestSchema> schema;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private final Map<String, String> sessionOwners = new HashMap<>();

    private TestServer(Map<String, String> env, String version, boolean checksAnswers, Optional<TestSchema> schema) {
        this.checksAnswers = checksAnswers;
        this.schema = schema;
        this.app = Wiring.start(Config.from(env), version);
    }

    // --- starting ---

    /** The variables every test server has: a loopback address, the shared secret, plain-text logs. */
    public static Map<String, String> baseEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("SERVER_ADDR", "127.0.0.1:0");
        env.put("JWT_SECRET", JWT_SECRET);
        env.put("LOG_FORMAT", "text");
        return env;
    }

    /** A server with {@code env} on top of {@link #baseEnvironment()}. */
    public static TestServer start(Map<String, String> env) {
        return new TestServer(on(baseEnvironment(), env), "test", true, Optional.empty());
    }

    /**
     * As {@link #start(Map)}, with rate limits far above what a test sends (100,000 a minute) under
     * {@code env}: for tests of what happens behind the edge.
     */
    public static TestServer startUnlimited(Map<String, String> env) {
        Map<String, String> all = baseEnvironment();
        all.put("REST_RATE_LIMIT", "100000/min");
        all.put("WS_RATE_LIMIT", "100000/min");
        return new TestServer(on(all, env), "test", true, Optional.empty());
    }

    /**
     * As {@link #start(Map)}, its answers not checked against the OpenAPI document, and waited for
     * longer: the limits tests provoke answers at the edge, before any route.
     */
    public static TestServer startUnchecked(Map<String, String> env) {
        return new TestServer(on(baseEnvironment(), env), "test", false, Optional.empty());
    }

    /** A node on the given Redis (see {@link #environment(String)}). */
    public static TestServer start(String redisAddr) {
        return start(environment(redisAddr));
    }

    /** A node on the given Redis with {@code extra} variables on top of {@link #environment(String)}. */
    public static TestServer start(String redisAddr, Map<String, String> extra) {
        return start(on(environment(redisAddr), extra));
    }

    /** A node on the in-memory stores. */
    public static TestServer startInMemory() {
        return start(environment(null));
    }

    /**
     * A server with {@code extra} on top of the base variables and rate limits of 10,000 a minute;
     * {@code withDatabase} gives it PostgreSQL in a fresh schema, dropped on close.
     */
    public static TestServer start(boolean withDatabase, Map<String, String> extra) {
        Map<String, String> env = environment(null);
        Optional<TestSchema> schema = withDatabase ? Optional.of(new TestSchema()) : Optional.empty();
        schema.ifPresent(s -> env.putAll(s.env()));
        try {
            return new TestServer(on(env, extra), "ops-test", true, schema);
        } catch (RuntimeException e) {
            schema.ifPresent(TestSchema::close);
            throw e;
        }
    }

    /** The variables of a node on {@code redisAddr} (in memory when null) with rate limits of 10,000 a minute. */
    public static Map<String, String> environment(String redisAddr) {
        Map<String, String> env = baseEnvironment();
        if (redisAddr != null) {
            env.put("REDIS_ADDR", redisAddr);
        }
        env.put("WS_RATE_LIMIT", "10000/min");
        env.put("REST_RATE_LIMIT", "10000/min");
        return env;
    }

    /** The variables of a server on {@code databaseUrl}, tables in {@code schema}; sessions on Redis when asked. */
    public static Map<String, String> environment(String databaseUrl, String schema, boolean redis) {
        Map<String, String> env = baseEnvironment();
        env.put("DATABASE_URL", databaseUrl);
        env.put("DATABASE_USER", TestSchema.USER);
        env.put("DATABASE_SCHEMA", schema);
        // The listing test creates a few hundred sessions in a burst; the edge limit is not under test here.
        env.put("REST_RATE_LIMIT", "100000/min");
        // ... and of one user: the sessions quota is not under test here either.
        env.put("QUOTA_SESSIONS_PER_USER", "1000");
        if (redis) {
            env.put("REDIS_ADDR", SHARED_REDIS);
        }
        return env;
    }

    private static Map<String, String> on(Map<String, String> base, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(base);
        env.putAll(extra);
        return env;
    }

    public int port() {
        return app.port();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    // --- tokens and names ---

    public static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    /** A fresh username, unique across runs. */
    public static String newUsername() {
        return "e2e-" + UUID.randomUUID().toString().substring(0, 12);
    }

    /** A user token signed with the server's key, outside any grant. */
    public String userToken(String user) {
        return app.tokens().issueUserToken(new UserId(user)).token();
    }

    /** A session-scoped token signed with the server's key, outside any grant. */
    public String sessionToken(String user, String session, String device) {
        return app.tokens().issueSessionToken(new UserId(user), SessionId.scoped(new UserId(user), session),
                new DeviceId(device)).token();
    }

    // --- REST ---

    /** An HTTP answer: status, body, the body parsed as JSON (null when empty or not JSON), and the response. */
    public record Reply(int status, String text, JsonNode json, HttpResponse<String> raw) {
        /** The error code of an error body. */
        public String code() {
            return json == null ? null : json.path("code").asText(null);
        }
    }

    public Reply call(String method, String path, String token, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(checksAnswers ? REQUEST_TIMEOUT : UNCHECKED_REQUEST_TIMEOUT);
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
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (checksAnswers) {
                OpenApiConformance.check(built, response);
            }
            return new Reply(response.statusCode(), response.body(), parse(response.body()), response);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + path + " interrupted", e);
        }
    }

    public Reply get(String path, String token) {
        return call("GET", path, token, null);
    }

    public Reply post(String path, String token, Object body) {
        return call("POST", path, token, body);
    }

    /** Calls and checks the status, returning the body. */
    public JsonNode expect(int status, String method, String path, String token, Object body) {
        Reply reply = call(method, path, token, body);
        assertThat(reply.status()).as("%s %s answered %s", method, path, reply.text()).isEqualTo(status);
        return reply.json();
    }

    public static Reply require(Reply reply, int status) {
        if (reply.status() != status) {
            throw new IllegalStateException("expected " + status + " but got " + reply.status() + ": " + reply.text());
        }
        return reply;
    }

    public Reply register(String username) {
        return post("/v1/auth/register", null, Map.of("username", username, "password", PASSWORD));
    }

    /** The password grant with {@link #PASSWORD}. */
    public Reply login(String username) {
        return login(username, PASSWORD);
    }

    public Reply login(String username, String password) {
        return post("/v1/auth/token", null, Map.of("grant_type", "password", "username", username,
                "password", password));
    }

    /** Registers and signs in a new user: the token response. */
    public JsonNode newUser() {
        String username = newUsername();
        require(register(username), 201);
        return require(login(username), 200).json();
    }

    /** Registers and signs in a new user: the access token. */
    public String newUserToken() {
        return newUser().get("access_token").asText();
    }

    /** What signing in hands out. */
    public record SignedIn(String accessToken, String refreshToken) {
    }

    /** Registers {@code username} and signs in: the access token and the refresh token. */
    public SignedIn signUp(String username) {
        Reply registered = register(username);
        assertThat(registered.status()).as("register: %s", registered.text()).isEqualTo(201);
        return signIn(username);
    }

    public SignedIn signIn(String username) {
        Reply token = login(username);
        assertThat(token.status()).as("sign in: %s", token.text()).isEqualTo(200);
        return new SignedIn(token.json().get("access_token").asText(), token.json().get("refresh_token").asText());
    }

    /** Creates a session with the given id as the token's user. */
    public Reply createSession(String token, String id, String name, String type) {
        return post("/v1/sessions", token, Map.of("id", id, "name", name, "type", type));
    }

    /** Creates a session through REST: its id. */
    public String createSession(String token, Map<String, Object> body) {
        return expect(201, "POST", "/v1/sessions", token, body).path("id").asText();
    }

    /** Creates a session of {@code user}, deleted again when the server closes: its id. */
    public String createSession(String user, String name) {
        Reply created = call("POST", "/v1/sessions", userToken(user), Map.of("name", name, "type", "breathing"));
        if (created.status() != 201) {
            throw new IllegalStateException("creating a session answered " + created);
        }
        String id = created.json().path("id").asText();
        sessionOwners.put(id, user);
        return id;
    }

    /** A device token for {@code session} minted over REST with {@code userToken}, as a client gets it. */
    public String mintDeviceToken(String userToken, String session, String device) {
        Reply minted = call("POST", "/v1/sessions/" + session + "/tokens", userToken, Map.of("deviceId", device));
        assertThat(minted.status()).as("mint: %s", minted.text()).isEqualTo(201);
        return minted.json().get("token").asText();
    }

    /** The session's state document as this server serves it over REST. */
    public Reply state(String user, String session) {
        return call("GET", "/v1/sessions/" + session + "/state", userToken(user), null);
    }

    public Reply health() {
        return call("GET", "/health", null, null);
    }

    public Reply ready() {
        return call("GET", "/health/ready", null, null);
    }

    /** The outbox depth the server exports: events recorded and not yet confirmed by the broker. */
    public long outboxDepth() {
        Reply metrics = call("GET", "/metrics", null, null);
        assertThat(metrics.status()).isEqualTo(200);
        for (String line : metrics.text().split("\n")) {
            if (line.startsWith("syncbridge_outbox_depth ") || line.startsWith("syncbridge_outbox_depth{")) {
                return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("no syncbridge_outbox_depth in /metrics:\n" + metrics.text());
    }

    // --- WebSocket ---

    public WsClient connect() {
        return connect(port());
    }

    /** A WebSocket connection to whichever server listens on {@code port} (e.g. a child process). */
    public WsClient connect(int port) {
        return WsClient.connect(http, URI.create("ws://127.0.0.1:" + port + "/ws"));
    }

    /** Auth (7) for {@code device} on {@code session}, protocol 1 or 2; extra payload fields may be added. */
    public ObjectNode auth(String user, String session, String device, int protocol) {
        ObjectNode message = JSON.createObjectNode().put("type", 7);
        message.putObject("payload").put("token", sessionToken(user, session, device)).put("protocol", protocol);
        return message;
    }

    /** A connection authenticated on {@code session}; its AuthSuccess is consumed and checked. */
    public WsClient join(String user, String session, String device, int protocol) {
        return join(user, session, device, protocol, Map.of());
    }

    /** As {@link #join(String, String, String, int)}; {@code extra} goes into the Auth payload. */
    public WsClient join(String user, String session, String device, int protocol, Map<String, Object> extra) {
        WsClient client = connect();
        ObjectNode auth = auth(user, session, device, protocol);
        ObjectNode payload = (ObjectNode) auth.get("payload");
        extra.forEach((k, v) -> payload.set(k, JSON.valueToTree(v)));
        client.send(auth);
        JsonNode success = client.next();
        assertThat(success.path("type").asInt()).as("answer to Auth: %s", success).isEqualTo(8);
        return client;
    }

    /** A protocol 2 connection of {@code device}, closed with the server; AuthSuccess read. */
    public WsClient join(String user, String session, String device) {
        return join(user, session, device, "other", "");
    }

    /** As {@link #join(String, String, String)}, describing the device: its kind ({@code ios}, {@code web}…) and name. */
    public WsClient join(String user, String session, String device, String kind, String name) {
        WsClient client = connect();
        opened.add(client);
        ObjectNode auth = auth(user, session, device, 2);
        ((ObjectNode) auth.get("payload")).putObject("device").put("type", kind).put("name", name);
        client.send(auth);
        JsonNode answer = client.next();
        if (answer.path("type").asInt() != 8) {
            throw new IllegalStateException("joining " + session + " as " + device + " answered " + answer);
        }
        return client;
    }

    /**
     * A connection authenticated with a device token minted over REST with {@code userToken}, the
     * device described as of {@code kind}; AuthSuccess consumed.
     */
    public WsClient join(String userToken, String session, String device, String kind) {
        WsClient client = connect();
        ObjectNode auth = JSON.createObjectNode().put("type", 7);
        ObjectNode payload = auth.putObject("payload").put("token", mintDeviceToken(userToken, session, device));
        payload.putObject("device").put("type", kind).put("name", device + " of the test")
                .put("user_agent", "TestServer/1");
        client.send(auth);
        JsonNode answer = client.next();
        if (answer.path("type").asInt() != 8) {
            client.close();
            throw new IllegalStateException("Auth of " + device + " refused: " + answer);
        }
        return client;
    }

    /** A WebSocket that authenticates with a raw Auth payload; the caller reads the answer. */
    public WsClient connectWith(Map<String, Object> authPayload) {
        WsClient client = connect();
        client.send(7, authPayload);
        return client;
    }

    /** An Auth (7) with {@code token} on a fresh connection: the answer (8 or 9). */
    public JsonNode authenticate(String token) {
        try (WsClient client = connect()) {
            ObjectNode auth = JSON.createObjectNode().put("type", 7);
            auth.putObject("payload").put("token", token);
            client.send(auth);
            return client.next();
        }
    }

    /** A WebSocket change message (type 10) adding {@code value} at {@code path}. */
    public static ObjectNode change(String mutationId, long baseVersion, String path, Object value) {
        ObjectNode message = JSON.createObjectNode().put("type", 10);
        message.set("payload", changePayload(mutationId, baseVersion, path, value));
        return message;
    }

    public static ObjectNode changePayload(String mutationId, long baseVersion, String path, Object value) {
        ObjectNode payload = JSON.createObjectNode().put("mutation_id", mutationId).put("base_version", baseVersion);
        payload.putArray("ops").addObject().put("op", "add").put("path", path).set("value", JSON.valueToTree(value));
        return payload;
    }

    // --- the rest ---

    /** The repository's root folder (where {@code ops/} is), from wherever the build runs the test. */
    public static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("ops"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no ops/ folder above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    public static String write(Object value) {
        try {
            return value instanceof String s ? s : JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (IOException notJson) {
            return null;
        }
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
        schema.ifPresent(TestSchema::close);
    }
}
