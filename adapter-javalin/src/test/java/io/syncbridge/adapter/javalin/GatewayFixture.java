package io.syncbridge.adapter.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.syncbridge.adapter.javalin.json.JsonValues;
import io.syncbridge.adapter.javalin.rest.OpenApiConformance;
import io.syncbridge.adapter.javalin.ws.WebSocketGateway;
import io.syncbridge.adapter.javalin.ws.WsClient;
import io.syncbridge.adapter.jwt.GrantCheckedTokens;
import io.syncbridge.adapter.jwt.HmacAccessTokens;
import io.syncbridge.adapter.micrometer.HealthMonitor;
import io.syncbridge.adapter.micrometer.ServerMetrics;
import io.syncbridge.application.SyncBridge;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.SessionSettings;
import io.syncbridge.domain.session.UserId;
import io.syncbridge.domain.time.Clock;
import io.syncbridge.port.in.Caller;
import io.syncbridge.port.in.SessionsUseCase;
import io.syncbridge.port.out.AccessTokens;
import io.syncbridge.port.out.DependencyCheck;
import io.syncbridge.port.out.TokenRejected;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The gateway tests' server, wired as the application wires it: an in-memory core, HS256 tokens
 * checked against their grants, metrics and health, and the {@link GatewayServer} with the
 * {@link WebSocketGateway} plugged in, on a random port; with an HTTP client whose every answer is
 * checked against the OpenAPI document the server serves, and WebSocket clients.
 */
public final class GatewayFixture implements AutoCloseable, AfterAllCallback {

    public static final ObjectMapper JSON = new ObjectMapper();
    public static final byte[] SECRET = "a-test-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8);

    /** Test defaults for the WebSocket tests: a generous rate limit so that only the rate-limit tests meet it. */
    public static final GatewaySettings SETTINGS = GatewaySettings.builder().host("127.0.0.1").port(0)
            .wsMessagesPerMinute(10_000).version("test").build();

    public final byte[] secret = SECRET.clone();
    public final SyncBridge core;
    public final HmacAccessTokens tokens;
    public final ServerMetrics metrics = new ServerMetrics();
    /** Where the WebSocket gateway registers its meters (the server's registry unless a test gives its own). */
    public final MeterRegistry registry;
    public final HealthMonitor health;
    public final WebSocketGateway gateway;
    public final GatewayServer server;
    public final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public GatewayFixture() {
        this(GatewaySettings.DEFAULT.withPort(0), List.of());
    }

    public GatewayFixture(GatewaySettings settings, List<DependencyCheck> checks) {
        this(metrics -> SyncBridge.builder().metrics(metrics.observer()).build(), settings, checks, Optional.empty());
    }

    /** A gateway whose core reads {@code clock}: a test that moves it sees refresh tokens and sessions age. */
    public GatewayFixture(Clock clock) {
        this(metrics -> SyncBridge.builder().metrics(metrics.observer()).clock(clock).build(),
                GatewaySettings.DEFAULT.withPort(0), List.of(), Optional.empty());
    }

    /** {@code core} is built with the fixture's metrics, or is a test's own core. */
    private GatewayFixture(Function<ServerMetrics, SyncBridge> core, GatewaySettings settings,
                           List<DependencyCheck> checks, Optional<MeterRegistry> registry) {
        this.core = core.apply(metrics);
        this.registry = registry.orElse(metrics.registry());
        this.tokens = new HmacAccessTokens(secret, Duration.ofMinutes(15), java.time.Clock.systemUTC());
        AccessTokens checked = GrantCheckedTokens.checking(tokens, this.core.grants());
        this.gateway = new WebSocketGateway(this.core, checked, settings, this.registry, java.time.Clock.systemUTC());
        this.health = new HealthMonitor(checks, Duration.ofSeconds(2), Duration.ofSeconds(1), java.time.Clock.systemUTC());
        metrics.bindServerGauges(this.core, gateway::activeSessions, gateway::activeConnections);
        metrics.bindDependencies(health);
        this.server = GatewayServer.builder(this.core, checked).settings(settings).metrics(metrics)
                .meterRegistry(metrics.registry()).health(health)
                .webSocket(gateway)
                .build().start();
    }

    // --- the WebSocket tests' ways in ---

    public static GatewayFixture start() {
        return start(SyncBridge.inMemory(), SETTINGS);
    }

    public static GatewayFixture start(GatewaySettings settings) {
        return start(SyncBridge.inMemory(), settings);
    }

    public static GatewayFixture start(SyncBridge core, GatewaySettings settings) {
        return new GatewayFixture(metrics -> core, settings, List.of(), Optional.empty());
    }

    public static GatewayFixture start(SyncBridge core, GatewaySettings settings, MeterRegistry registry) {
        return new GatewayFixture(metrics -> core, settings, List.of(), Optional.of(registry));
    }

    /** REST test settings: loopback, a random port, and the given limits and origins. */
    public static GatewaySettings settings(int restPerMinute, List<String> corsOrigins, int maxBytes) {
        return GatewaySettings.builder().host("127.0.0.1").port(0).maxMessageBytes(maxBytes).corsOrigins(corsOrigins)
                .restRequestsPerMinute(restPerMinute).version("test-version").build();
    }

    public int port() {
        return server.port();
    }

    /** An http:// address on the server. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    // --- REST ---

    /** A response: status, headers and the body parsed as JSON (null when empty or not JSON). */
    public record Reply(int status, HttpHeaders headers, String text, JsonNode json) {
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    /**
     * Checks a response against the OpenAPI document (status, content type, body schema); a
     * violation fails the test that made the request. Every response of {@link #send} goes through it.
     */
    public void conforms(HttpRequest request, HttpResponse<String> response) {
        conformsHead(request, response, response.body());
    }

    /** As {@link #conforms}, for a streamed response whose body the test reads itself ({@code ""} skips the body). */
    public void conformsHead(HttpRequest request, HttpResponse<?> response, String body) {
        OpenApiConformance.check(request, response, body);
    }

    /** How many responses were checked against the document in this JVM. */
    public static int checkedResponses() {
        return OpenApiConformance.checked();
    }

    public Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            conforms(request, response);
            JsonNode json = null;
            if (!response.body().isEmpty()) {
                try {
                    json = JSON.readTree(response.body());
                } catch (IOException notJson) {
                    json = null;
                }
            }
            return new Reply(response.statusCode(), response.headers(), response.body(), json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder request(String method, String path, String token, Object body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(40));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            String text = body instanceof String s ? s : write(body);
            builder.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(text));
        }
        return builder;
    }

    public Reply call(String method, String path, String token, Object body) {
        return send(request(method, path, token, body).build());
    }

    public Reply get(String path, String token) {
        return call("GET", path, token, null);
    }

    public Reply post(String path, String token, Object body) {
        return call("POST", path, token, body);
    }

    public static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Registers a fresh user and signs in: their access token. */
    public String newUserToken() {
        return signIn(newUser());
    }

    public String newUser() {
        String username = "user-" + UUID.randomUUID().toString().substring(0, 8);
        Reply registered = post("/v1/auth/register", null, Map.of("username", username, "password", "correct horse"));
        if (registered.status() != 201) {
            throw new IllegalStateException("register failed: " + registered.text());
        }
        return username;
    }

    public String signIn(String username) {
        Reply token = post("/v1/auth/token", null,
                Map.of("grant_type", "password", "username", username, "password", "correct horse"));
        if (token.status() != 200) {
            throw new IllegalStateException("sign-in failed: " + token.text());
        }
        return token.json().get("access_token").asText();
    }

    /** Creates a session as the token's user: its id. */
    public String newSession(String token) {
        Reply created = post("/v1/sessions", token, Map.of("name", "Morning flow", "type", "breathing"));
        if (created.status() != 201) {
            throw new IllegalStateException("create failed: " + created.text());
        }
        return created.json().get("id").asText();
    }

    /** The core's id of the session {@code clientId} of the token's user (ids are scoped to their owner). */
    public SessionId sessionIdOf(String token, String clientId) {
        try {
            return SessionId.scoped(tokens.verify(token).user(), clientId);
        } catch (TokenRejected e) {
            throw new IllegalStateException(e);
        }
    }

    // --- WebSocket ---

    public static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    public WsClient connect() {
        return connect("/ws");
    }

    public WsClient connect(String pathAndQuery) {
        return WsClient.connect(http, URI.create("ws://127.0.0.1:" + port() + pathAndQuery));
    }

    public String sessionToken(String user, String session, String device) {
        return tokens.issueSessionToken(new UserId(user), SessionId.scoped(new UserId(user), session),
                new DeviceId(device)).token();
    }

    public String userToken(String user) {
        return tokens.issueUserToken(new UserId(user)).token();
    }

    /** Creates a session owned by {@code user}. */
    public void createSession(String user, String session) {
        core.sessions().create(Caller.user(new UserId(user)), new SessionsUseCase.CreateSession(
                Optional.of(SessionId.scoped(new UserId(user), session)), "test", "test", SessionSettings.DEFAULT));
    }

    public static ObjectNode auth(String token) {
        ObjectNode message = WsClient.JSON.createObjectNode().put("type", 7);
        message.putObject("payload").put("token", token);
        return message;
    }

    /** A connection authenticated on {@code session} as {@code device} of {@code user}, AuthSuccess consumed. */
    public WsClient join(String user, String session, String device, int protocol) {
        WsClient client = connect();
        ObjectNode auth = auth(sessionToken(user, session, device));
        ((ObjectNode) auth.get("payload")).put("protocol", protocol);
        client.send(auth);
        JsonNode success = client.next();
        assertThat(success.path("type").asInt()).as("answer to Auth: %s", success).isEqualTo(8);
        return client;
    }

    public WsClient joinV1(String user, String session, String device) {
        return join(user, session, device, 1);
    }

    public WsClient joinV2(String user, String session, String device) {
        return join(user, session, device, 2);
    }

    public Caller owner(String user) {
        return Caller.user(new UserId(user));
    }

    /** The session's state as the core has it now. */
    public JsonNode state(String user, String session) {
        var root = core.sessions().get(owner(user), SessionId.scoped(new UserId(user), session)).state().root();
        try {
            // Re-read as a client would, so that trees compare equal to ones parsed from text.
            return WsClient.JSON.readTree(JsonValues.toNode(root).toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public long version(String user, String session) {
        return core.sessions().get(owner(user), SessionId.scoped(new UserId(user), session)).version();
    }

    /** As a registered extension: the server of a test class stops after its last test. */
    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** Stops the server (its WebSocket connections close with 1001) and what it was wired with. */
    @Override
    public void close() {
        server.stop();
        health.close();
        metrics.close();
    }
}
