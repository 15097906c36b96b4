package io.syncbridge.adapter.javalin.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncbridge.adapter.javalin.GatewayFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The OpenAPI document: served at /v1/openapi.json as kept in the repository, covering every REST
 * route, and a checker that really finds what does not match (every response the REST tests
 * receive through {@link GatewayFixture} is checked by it).
 */
class OpenApiDocumentTest {

    @RegisterExtension
    static final GatewayFixture gateway = new GatewayFixture();

    private static final OpenApiValidator VALIDATOR = OpenApiValidator.fromClassPath();

    @Test
    void isServedAtV1OpenapiJsonExactlyAsKeptInTheRepository() throws Exception {
        GatewayFixture.Reply reply = gateway.get("/v1/openapi.json", null);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        assertThat(reply.text()).isEqualTo(OpenApiRoutes.document());
        assertThat(reply.json().get("openapi").asText()).isEqualTo("3.1.0");
        JsonNode kept = GatewayFixture.JSON.readTree(java.nio.file.Files.readString(
                java.nio.file.Path.of("src/main/resources" + OpenApiRoutes.RESOURCE)));
        assertThat(reply.json()).isEqualTo(kept);
    }

    @Test
    void documentsEveryRestRouteOfTheServer() {
        List<String> routes = List.of("post /v1/auth/register", "post /v1/auth/token", "post /v1/auth/token/refresh",
                "post /v1/auth/token/revoke", "get /v1/auth/jwks", "post /v1/sessions", "get /v1/sessions",
                "get /v1/sessions/{id}", "patch /v1/sessions/{id}", "delete /v1/sessions/{id}",
                "post /v1/sessions/{id}/tokens", "get /v1/sessions/{id}/state", "put /v1/sessions/{id}/state",
                "patch /v1/sessions/{id}/state/delta", "get /v1/sessions/{id}/changes", "get /v1/sessions/{id}/events",
                "get /v1/sessions/{id}/snapshots", "post /v1/sessions/{id}/snapshots",
                "get /v1/sessions/{id}/snapshots/{snapshotId}", "post /v1/sessions/{id}/snapshots/{snapshotId}/restore",
                "get /v1/sessions/{id}/devices", "delete /v1/sessions/{id}/devices/{deviceId}",
                "post /v1/sessions/{id}/handoff", "post /v1/sessions/{id}/handoff-tokens", "post /v1/handoff/claim",
                "get /health", "get /health/live", "get /health/ready", "get /v1/health", "get /v1/health/live",
                "get /v1/health/ready", "get /metrics", "get /v1/openapi.json");
        JsonNode paths = GatewayFixture.JSON.valueToTree(readDocument().get("paths"));
        List<String> documented = new ArrayList<>();
        paths.fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m -> documented.add(m + " " + p.getKey())));

        assertThat(documented).containsExactlyInAnyOrderElementsOf(routes);
        assertThat(paths.get("/v1/sessions/{id}/state/delta").path("patch").path("responses").has("default")).isTrue();
    }

    @Test
    void theCheckerReportsAMissingFieldAWrongTypeANullAnUnknownMemberAndAWrongStatus() {
        String session = "{\"id\":\"s\",\"userId\":\"u\",\"name\":\"n\",\"type\":\"gym\",\"status\":\"active\","
                + "\"settings\":{},\"state\":{\"version\":\"1\",\"lastModified\":\"2026-01-01T00:00:00Z\","
                + "\"data\":{},\"checksum\":\"sha256:00\"},\"createdAt\":\"2026-01-01T00:00:00.000Z\","
                + "\"updatedAt\":\"2026-01-01T00:00:00.000Z\",\"completedAt\":null,\"version\":0,"
                + "\"expiresAt\":\"2026-01-01T00:00:00.000Z\",\"surprise\":1}";

        List<String> violations = VALIDATOR.check("GET", "/v1/sessions/s", 200, Optional.of("application/json"),
                session);
        List<String> wrongStatus = VALIDATOR.check("DELETE", "/v1/sessions/s", 200, Optional.of("application/json"),
                "{}");
        List<String> wrongType = VALIDATOR.check("GET", "/v1/sessions/s", 200, Optional.of("text/html"), "<p>");
        List<String> undocumented = VALIDATOR.check("GET", "/v1/secrets", 200, Optional.of("application/json"), "{}");

        assertThat(String.join("\n", violations)).contains("missing required 'policies'", "/type: \"gym\" is not one of",
                "/state/version: string \"1\", expected integer", "/state/lastModified: '2026-01-01T00:00:00Z' is not an RFC 3339",
                "/state/checksum", "/completedAt: null", "'surprise' is not in the schema");
        assertThat(wrongStatus).hasSize(1);
        assertThat(wrongStatus.get(0)).contains("status 200 is not documented");
        assertThat(wrongType.get(0)).contains("content type 'text/html'");
        assertThat(undocumented.get(0)).contains("is not in the document");
    }

    @Test
    void everyResponseOfThisJvmsRestTestsWasChecked() {
        gateway.get("/health", null);
        assertThat(GatewayFixture.checkedResponses()).isPositive();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readDocument() {
        try {
            return GatewayFixture.JSON.readValue(OpenApiRoutes.document(), Map.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
