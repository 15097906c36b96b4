package io.syncbridge.adapter.javalin.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.syncbridge.adapter.javalin.GatewayServer;
import io.syncbridge.adapter.javalin.GatewaySettings;
import io.syncbridge.adapter.jwt.GrantCheckedTokens;
import io.syncbridge.adapter.jwt.HmacAccessTokens;
import io.syncbridge.adapter.micrometer.HealthMonitor;
import io.syncbridge.adapter.micrometer.ServerMetrics;
import io.syncbridge.application.SyncBridge;
import io.syncbridge.port.out.AccessTokens;
import io.syncbridge.port.out.DependencyCheck;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real gateway on a random port over an in-memory core, and an HTTP client that speaks to it.
 * Every response it receives is checked against the OpenAPI document the server serves.
 */
final class GatewayFixture implements AutoCloseable, AfterAllCallback {

    static final ObjectMapper JSON = new ObjectMapper();

    final byte[] secret = new byte[32];
    final SyncBridge core;
    final AccessTokens tokens;
    final ServerMetrics metrics = new ServerMetrics();
    final HealthMonitor health;
    final GatewayServer server;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    GatewayFixture() {
        this(GatewaySettings.DEFAULT.withPort(0), List.of());
    }

    GatewayFixture(GatewaySettings settings, List<DependencyCheck> checks) {
        this(settings, checks, io.syncbridge.domain.time.Clock.system());
    }

    /** A gateway whose core reads {@code clock}: a test that moves it sees refresh tokens and sessions age. */
    GatewayFixture(io.syncbridge.domain.time.Clock clock) {
        this(GatewaySettings.DEFAULT.withPort(0), List.of(), clock);
    }

    private GatewayFixture(GatewaySettings settings, List<DependencyCheck> checks, io.syncbridge.domain.time.Clock clock) {
        new SecureRandom().nextBytes(secret);
        this.core = SyncBridge.builder().metrics(metrics.observer()).clock(clock).build();
        this.tokens = new HmacAccessTokens(secret, Duration.ofMinutes(15), Clock.systemUTC());
        // Wired as the application wires it: health and the server-wide gauges beside the routes.
        this.health = new HealthMonitor(checks, Duration.ofSeconds(2), Duration.ofSeconds(1), Clock.systemUTC());
        metrics.bindServerGauges(core, () -> 0, () -> 0);
        metrics.bindDependencies(health);
        this.server = GatewayServer.builder(core, GrantCheckedTokens.checking(tokens, core.grants())).settings(settings)
                .metrics(metrics)
                .meterRegistry(metrics.registry()).health(health).build().start();
    }

    static GatewaySettings settings(int restPerMinute, List<String> corsOrigins, int maxBytes) {
        return GatewaySettings.builder().host("127.0.0.1").port(0).maxMessageBytes(maxBytes).corsOrigins(corsOrigins)
                .restRequestsPerMinute(restPerMinute).version("test-version").build();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    /** A response: status, headers and the body parsed as JSON (null when empty or not JSON). */
    record Reply(int status, HttpHeaders headers, String text, JsonNode json) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    /**
     * Checks a response against the OpenAPI document (status, content type, body schema); a
     * violation fails the test that made the request. Every response of {@link #send} goes through it.
     */
    void conforms(HttpRequest request, HttpResponse<String> response) {
        conformsHead(request, response, response.body());
    }

    /** As {@link #conforms}, for a streamed response whose body the test reads itself ({@code ""} skips the body). */
    void conformsHead(HttpRequest request, HttpResponse<?> response, String body) {
        OpenApiConformance.check(request, response, body);
    }

    /** How many responses were checked against the document in this JVM. */
    static int checkedResponses() {
        return OpenApiConformance.checked();
    }

    Reply send(HttpRequest request) {
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

    HttpRequest.Builder request(String method, String path, String token, Object body) {
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

    Reply call(String method, String path, String token, Object body) {
        return send(request(method, path, token, body).build());
    }

    Reply get(String path, String token) {
        return call("GET", path, token, null);
    }

    Reply post(String path, String token, Object body) {
        return call("POST", path, token, body);
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Registers a fresh user and signs in: their access token. */
    String newUserToken() {
        return signIn(newUser());
    }

    String newUser() {
        String username = "user-" + UUID.randomUUID().toString().substring(0, 8);
        Reply registered = post("/v1/auth/register", null, Map.of("username", username, "password", "correct horse"));
        if (registered.status() != 201) {
            throw new IllegalStateException("register failed: " + registered.text());
        }
        return username;
    }

    String signIn(String username) {
        Reply token = post("/v1/auth/token", null,
                Map.of("grant_type", "password", "username", username, "password", "correct horse"));
        if (token.status() != 200) {
            throw new IllegalStateException("sign-in failed: " + token.text());
        }
        return token.json().get("access_token").asText();
    }

    /** Creates a session as the token's user: its id. */
    String newSession(String token) {
        Reply created = post("/v1/sessions", token, Map.of("name", "Morning flow", "type", "breathing"));
        if (created.status() != 201) {
            throw new IllegalStateException("create failed: " + created.text());
        }
        return created.json().get("id").asText();
    }

    /** The core's id of the session {@code clientId} of the token's user (ids are scoped to their owner). */
    io.syncbridge.domain.session.SessionId sessionIdOf(String token, String clientId) {
        try {
            return io.syncbridge.domain.session.SessionId.scoped(tokens.verify(token).user(), clientId);
        } catch (io.syncbridge.port.out.TokenRejected e) {
            throw new IllegalStateException(e);
        }
    }

    /** As a registered extension: the server of a test class stops after its last test. */
    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        server.stop();
        health.close();
        metrics.close();
    }
}
