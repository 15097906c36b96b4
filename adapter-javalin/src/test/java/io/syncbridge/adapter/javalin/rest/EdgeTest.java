package io.syncbridge.adapter.javalin.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.adapter.javalin.GatewayFixture;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What every request gets around its route: request ids, CORS, limits, the error shape. */
class EdgeTest {

    private static final int MAX_BYTES = 4_096;
    private static final int REQUESTS_PER_MINUTE = 40;
    private static GatewayFixture gateway;

    @BeforeAll
    static void start() {
        gateway = new GatewayFixture(GatewayFixture.settings(REQUESTS_PER_MINUTE,
                List.of("https://app.example.com"), MAX_BYTES), List.of());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void echoesTheClientsRequestId() {
        GatewayFixture.Reply reply = gateway.send(HttpRequest.newBuilder(gateway.uri("/health"))
                .header("X-Request-ID", "req-abc-123").GET().build());

        assertThat(reply.header("X-Request-ID")).isEqualTo("req-abc-123");
    }

    @Test
    void generatesARequestIdWhenTheClientSendsNoneOrAnUnsafeOne() {
        GatewayFixture.Reply none = gateway.get("/health", null);
        GatewayFixture.Reply unsafe = gateway.send(HttpRequest.newBuilder(gateway.uri("/health"))
                .header("X-Request-ID", "bad id with spaces\"").GET().build());

        assertThat(none.header("X-Request-ID")).matches("[0-9a-f-]{36}");
        assertThat(unsafe.header("X-Request-ID")).matches("[0-9a-f-]{36}");
    }

    @Test
    void errorBodiesCarryTheRequestId() {
        GatewayFixture.Reply reply = gateway.send(HttpRequest.newBuilder(gateway.uri("/v1/sessions/x"))
                .header("X-Request-ID", "trace-me").GET().build());

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().get("requestId").asText()).isEqualTo("trace-me");
        assertThat(reply.json().fieldNames()).toIterable()
                .containsExactly("code", "message", "details", "requestId");
    }

    @Test
    void apiResponsesCarryRateLimitHeaders() {
        String token = gateway.newUserToken();

        GatewayFixture.Reply first = gateway.get("/v1/sessions", token);
        GatewayFixture.Reply second = gateway.get("/v1/sessions", token);

        assertThat(first.header("X-RateLimit-Limit")).isEqualTo(Integer.toString(REQUESTS_PER_MINUTE));
        int remainingFirst = Integer.parseInt(first.header("X-RateLimit-Remaining"));
        assertThat(Integer.parseInt(second.header("X-RateLimit-Remaining"))).isEqualTo(remainingFirst - 1);
        assertThat(Long.parseLong(first.header("X-RateLimit-Reset"))).isBetween(0L, 60L);
    }

    @Test
    void beyondTheLimitAnswers429WithRetryAfter() {
        String token = gateway.newUserToken();
        GatewayFixture.Reply last = null;
        for (int i = 0; i <= REQUESTS_PER_MINUTE; i++) {
            last = gateway.get("/v1/sessions", token);
        }

        assertThat(last.status()).isEqualTo(429);
        assertThat(last.json().get("code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(last.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(Long.parseLong(last.header("Retry-After"))).isPositive();
        assertThat(gateway.get("/v1/sessions", gateway.newUserToken()).status())
                .as("another user has their own budget").isEqualTo(200);
    }

    @Test
    void healthAndMetricsAreNotRateLimited() {
        GatewayFixture.Reply health = gateway.get("/health", null);

        assertThat(health.header("X-RateLimit-Limit")).isNull();
    }

    @Test
    void answersAPreflightFromAnAllowedOrigin() {
        GatewayFixture.Reply reply = gateway.send(HttpRequest.newBuilder(gateway.uri("/v1/sessions"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://app.example.com")
                .header("Access-Control-Request-Method", "PATCH")
                .header("Access-Control-Request-Headers", "Authorization, If-Match").build());

        assertThat(reply.status()).isEqualTo(204);
        assertThat(reply.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
        assertThat(reply.header("Access-Control-Allow-Methods")).isEqualTo("GET, POST, PUT, PATCH, DELETE, OPTIONS");
        assertThat(reply.header("Access-Control-Allow-Headers"))
                .isEqualTo("Authorization, Content-Type, X-Requested-With, If-Match, X-Request-ID");
    }

    @Test
    void givesNoCorsHeadersToAnotherOrigin() {
        GatewayFixture.Reply reply = gateway.send(HttpRequest.newBuilder(gateway.uri("/v1/sessions"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example.net")
                .header("Access-Control-Request-Method", "GET").build());

        assertThat(reply.header("Access-Control-Allow-Origin")).isNull();
        assertThat(reply.header("Access-Control-Allow-Methods")).isNull();
    }

    @Test
    void exposesHeadersToScriptsOnActualCrossOriginRequests() {
        GatewayFixture.Reply reply = gateway.send(HttpRequest.newBuilder(gateway.uri("/health"))
                .header("Origin", "https://app.example.com").GET().build());

        assertThat(reply.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
        assertThat(reply.header("Access-Control-Expose-Headers")).contains("X-Request-ID", "ETag");
    }

    @Test
    void refusesADeclaredBodyOverTheLimitWith413() {
        String token = gateway.newUserToken();
        String big = "{\"name\":\"" + "x".repeat(MAX_BYTES) + "\"}";

        GatewayFixture.Reply reply = gateway.post("/v1/sessions", token, big);

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.json().get("code").asText()).isEqualTo("MESSAGE_TOO_LARGE");
    }

    @Test
    void refusesAStreamedBodyOverTheLimitWith413() {
        String token = gateway.newUserToken();
        byte[] big = ("{\"name\":\"" + "x".repeat(MAX_BYTES * 2) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(gateway.uri("/v1/sessions"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build();

        GatewayFixture.Reply reply = gateway.send(request);

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.json().get("code").asText()).isEqualTo("MESSAGE_TOO_LARGE");
    }

    @Test
    void malformedJsonIsAnInvalidRequest() {
        String token = gateway.newUserToken();

        List<GatewayFixture.Reply> replies = List.of(
                gateway.post("/v1/sessions", token, "{\"name\": "),
                gateway.post("/v1/sessions", token, "[1, 2]"),
                gateway.post("/v1/sessions", token, "{\"a\":1} trailing"),
                gateway.post("/v1/sessions", token, "{\"a\":1,\"a\":2}"));

        assertThat(replies).allSatisfy(reply -> {
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.json().get("code").asText()).isEqualTo("INVALID_REQUEST");
        });
    }

    @Test
    void wrongFieldTypesAreValidationErrors() {
        String token = gateway.newUserToken();

        GatewayFixture.Reply reply = gateway.post("/v1/sessions", token, Map.of("name", 42));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("code").asText()).isEqualTo("VALIDATION_ERROR");
        assertThat(reply.json().get("message").asText()).contains("name");
    }

    @Test
    void absurdlyDeepJsonIsRefusedWithoutHarm() {
        String token = gateway.newUserToken();
        String deep = "{\"settings\":" + "[".repeat(1_900) + "]".repeat(1_900) + "}";

        GatewayFixture.Reply reply = gateway.post("/v1/sessions", token, deep);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(gateway.get("/health", null).status()).isEqualTo(200);
    }

    @Test
    void unknownRouteIsNotFoundInTheErrorShape() {
        GatewayFixture.Reply reply = gateway.get("/v1/nothing-here", null);

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().get("code").asText()).isEqualTo("NOT_FOUND");
    }
}
