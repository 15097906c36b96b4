package io.syncbridge.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The wired server in-process, configured the way the environment would configure it. */
class ApplicationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void startsInMemoryWithDefaultsAndServesTheApi() throws Exception {
        Application app = Wiring.start(Config.from(Map.of("SERVER_ADDR", "127.0.0.1:0")), "test");
        try {
            JsonNode health = get(app, "/health", null);
            assertThat(health.get("status").asText()).isEqualTo("healthy");
            assertThat(health.get("version").asText()).isEqualTo("test");
            assertThat(health.get("services").get("cache").asText()).isEqualTo("connected");
            assertThat(health.get("services").get("database").asText()).isEqualTo("connected");
            assertThat(health.get("services").get("messageQueue").asText()).isEqualTo("connected");

            post(app, "/v1/auth/register", null, Map.of("username", "wired-user", "password", "long enough"));
            String token = post(app, "/v1/auth/token", null, Map.of("grant_type", "password",
                    "username", "wired-user", "password", "long enough")).get("access_token").asText();
            JsonNode session = post(app, "/v1/sessions", token, Map.of("name", "wired"));
            assertThat(get(app, "/v1/sessions/" + session.get("id").asText(), token).get("name").asText())
                    .isEqualTo("wired");
        } finally {
            app.stop();
        }
    }

    @Test
    void appliesTheConfiguredLimits() throws Exception {
        Application app = Wiring.start(Config.from(Map.of("SERVER_ADDR", "127.0.0.1:0", "REST_RATE_LIMIT", "7/min",
                "MAX_DEVICES", "2", "SESSION_TTL", "1h")), "test");
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(app, "/v1/auth/jwks")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.headers().firstValue("X-RateLimit-Limit")).contains("7");
            assertThat(app.core().policy().maxDevices()).isEqualTo(2);
            assertThat(app.core().policy().sessionTtl()).hasHours(1);
        } finally {
            app.stop();
        }
    }

    @Test
    void stopClosesTheListeningPort() throws Exception {
        Application app = Wiring.start(Config.from(Map.of("SERVER_ADDR", "127.0.0.1:0")), "test");
        URI health = uri(app, "/health");

        app.stop();
        app.stop();

        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(health).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(ConnectException.class);
    }

    private static URI uri(Application app, String path) {
        return URI.create("http://127.0.0.1:" + app.port() + path);
    }

    private JsonNode get(Application app, String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(app, path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return JSON.readTree(http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private JsonNode post(Application app, String path, String token, Object body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(app, path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return JSON.readTree(http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
    }
}
