package io.syncbridge.app.limits;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * The real server ({@link Wiring#start}) in memory on a random loopback port, configured through
 * environment variables like production, and a java.net.http client for its REST API.
 */
final class LimitsServer implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String PASSWORD = "correct horse battery";

    private final Application application;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private LimitsServer(Application application) {
        this.application = application;
    }

    /** A server with these variables on top of a loopback address and a fixed JWT secret. */
    static LimitsServer start(Map<String, String> variables) {
        Map<String, String> env = new HashMap<>();
        env.put("SERVER_ADDR", "127.0.0.1:0");
        env.put("JWT_SECRET", "limits-e2e-secret-of-at-least-32-bytes");
        env.put("LOG_FORMAT", "text");
        env.putAll(variables);
        return new LimitsServer(Wiring.start(Config.from(env), "test"));
    }

    int port() {
        return application.port();
    }

    @Override
    public void close() {
        application.stop();
    }

    /** A response: status, headers of interest, and the body parsed as JSON (null when not JSON). */
    record Reply(int status, String text, JsonNode json, HttpResponse<String> raw) {
        String code() {
            return json == null ? null : json.path("code").asText(null);
        }
    }

    Reply call(String method, String path, String token, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
                .timeout(Duration.ofSeconds(60));
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
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), parse(response.body()), response);
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

    static String newUsername() {
        return "limits-" + UUID.randomUUID().toString().substring(0, 12);
    }

    Reply register(String username) {
        return post("/v1/auth/register", null, Map.of("username", username, "password", PASSWORD));
    }

    Reply login(String username, String password) {
        return post("/v1/auth/token", null, Map.of("grant_type", "password", "username", username,
                "password", password));
    }

    /** Registers and signs in a new user: the token response. */
    JsonNode newUser() {
        String username = newUsername();
        require(register(username), 201);
        return require(login(username, PASSWORD), 200).json();
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
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (IOException notJson) {
            return null;
        }
    }
}
