package io.syncbridge.adapter.javalin.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncbridge.adapter.javalin.GatewayFixture;
import io.syncbridge.adapter.javalin.GatewaySettings;
import io.syncbridge.port.out.DependencyCheck;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The exact REST shapes of the v1 contract (PROTOCOL.md "REST shapes"), one test per rule. */
class RestShapesTest {

    @RegisterExtension
    static final GatewayFixture gateway = new GatewayFixture();

    private static final List<String> SESSION_STATE_FIELDS = List.of("version", "lastModified", "modifiedBy", "data",
            "checksum");

    private static JsonNode json(Object value) {
        return GatewayFixture.JSON.valueToTree(value);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Every path in {@code node} whose value is JSON null. */
    private static List<String> nulls(JsonNode node, String at) {
        List<String> found = new ArrayList<>();
        if (node.isNull()) {
            found.add(at);
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                found.addAll(nulls(field.getValue(), at + "/" + field.getKey()));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                found.addAll(nulls(node.get(i), at + "/" + i));
            }
        }
        return found;
    }

    private String writtenSession(String token) {
        String id = gateway.newSession(token);
        gateway.call("PUT", "/v1/sessions/" + id + "/state", token, Map.of("data", Map.of("step", 3),
                "deviceId", "laptop"));
        return id;
    }

    @Test
    void sessionStateIsTheSessionStateObjectInPostGetPatchAndEveryListItem() {
        String token = gateway.newUserToken();
        GatewayFixture.Reply created = gateway.post("/v1/sessions", token, Map.of("name", "n", "type", "yoga"));
        String id = created.json().get("id").asText();
        gateway.call("PUT", "/v1/sessions/" + id + "/state", token, Map.of("data", Map.of("step", 3),
                "deviceId", "laptop"));

        JsonNode patched = gateway.call("PATCH", "/v1/sessions/" + id, token, Map.of("name", "m")).json();
        JsonNode state = gateway.get("/v1/sessions/" + id + "/state", token).json();
        JsonNode read = gateway.get("/v1/sessions/" + id, token).json();
        JsonNode listed = gateway.get("/v1/sessions", token).json().get("sessions").get(0);

        assertThat(fieldNames(created.json().get("state"))).containsExactly("version", "lastModified", "data",
                "checksum");
        assertThat(created.json().get("state").get("version").asLong()).isZero();
        assertThat(fieldNames(state)).containsExactlyElementsOf(SESSION_STATE_FIELDS);
        assertThat(read.get("state")).isEqualTo(state);
        assertThat(patched.get("state")).isEqualTo(state);
        assertThat(listed.get("state")).isEqualTo(state);
        assertThat(state.get("version").isIntegralNumber()).isTrue();
        assertThat(state.get("modifiedBy").asText()).isEqualTo("laptop");
        assertThat(state.get("lastModified").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    }

    @Test
    void listItemsHaveTheSameShapeAsASingleSessionVersionIncluded() {
        String token = gateway.newUserToken();
        String id = writtenSession(token);

        JsonNode single = gateway.get("/v1/sessions/" + id, token).json();
        JsonNode item = gateway.get("/v1/sessions", token).json().get("sessions").get(0);

        assertThat(item).isEqualTo(single);
        assertThat(item.get("version").asLong()).isEqualTo(1);
        assertThat(fieldNames(item)).contains("id", "userId", "name", "type", "status", "settings", "state",
                "createdAt", "updatedAt", "version", "expiresAt", "policies");
    }

    @Test
    void optionalFieldsWithNoValueAreLeftOutNeverNull() {
        String token = gateway.newUserToken();
        String id = gateway.newSession(token);

        List<GatewayFixture.Reply> replies = List.of(gateway.get("/v1/sessions/" + id, token),
                gateway.get("/v1/sessions", token), gateway.get("/v1/sessions/" + id + "/state", token),
                gateway.post("/v1/sessions/" + id + "/snapshots", token, Map.of("label", "empty")),
                gateway.get("/v1/sessions/" + id + "/snapshots", token), gateway.get("/health", null));

        JsonNode session = replies.get(0).json();
        assertThat(session.has("completedAt")).isFalse();
        assertThat(session.has("activeDeviceId")).isFalse();
        assertThat(session.get("state").has("modifiedBy")).isFalse();
        assertThat(replies).allSatisfy(reply -> assertThat(nulls(reply.json(), "")).as(reply.text()).isEmpty());
    }

    @Test
    void settingsComeBackExactlyAsWrittenAndPoliciesLiveInTheirOwnField() {
        String token = gateway.newUserToken();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("duration", 600);
        settings.put("audioEnabled", true);
        settings.put("hapticEnabled", false);
        settings.put("autoSave", true);
        settings.put("customProperties", Map.of("theme", "dark", "levels", List.of(1, 2)));
        settings.put("zz-first-written-last", "kept");

        GatewayFixture.Reply created = gateway.post("/v1/sessions", token, Map.of("name", "n", "type", "breathing",
                "settings", settings, "policies", Map.of("conflictPolicy", "strict")));
        String id = created.json().get("id").asText();
        GatewayFixture.Reply read = gateway.get("/v1/sessions/" + id, token);
        GatewayFixture.Reply patched = gateway.call("PATCH", "/v1/sessions/" + id, token,
                Map.of("policies", Map.of("evictionPolicy", "evict_longest_offline")));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("settings").toString()).isEqualTo(json(settings).toString());
        assertThat(read.json().get("settings").toString()).isEqualTo(json(settings).toString());
        assertThat(created.json().get("policies"))
                .isEqualTo(json(Map.of("conflictPolicy", "strict", "evictionPolicy", "refuse")));
        assertThat(patched.json().get("settings").toString()).isEqualTo(json(settings).toString());
        assertThat(patched.json().get("policies"))
                .isEqualTo(json(Map.of("conflictPolicy", "strict", "evictionPolicy", "evict_longest_offline")));
    }

    @Test
    void settingsWithAKnownKeyOfTheWrongTypeAreRefused() {
        String token = gateway.newUserToken();
        for (Map<String, ?> bad : List.<Map<String, ?>>of(Map.of("duration", -1), Map.of("duration", 1.5),
                Map.of("duration", "long"), Map.of("audioEnabled", "yes"), Map.of("autoSave", 1),
                Map.of("customProperties", List.of()))) {
            GatewayFixture.Reply reply = gateway.post("/v1/sessions", token, Map.of("name", "n", "type", "yoga",
                    "settings", bad));

            assertThat(reply.status()).as(bad.toString()).isEqualTo(400);
            assertThat(reply.json().get("code").asText()).isEqualTo("VALIDATION_ERROR");
        }
        assertThat(gateway.get("/v1/sessions", token).json().get("total").asLong()).isZero();
    }

    @Test
    void aSessionTypeOutsideTheV1TypesIsRefusedSayingWhichAreAllowed() {
        String token = gateway.newUserToken();
        String id = gateway.newSession(token);

        GatewayFixture.Reply create = gateway.post("/v1/sessions", token, Map.of("name", "n", "type", "workout"));
        GatewayFixture.Reply patch = gateway.call("PATCH", "/v1/sessions/" + id, token, Map.of("type", "player"));

        for (GatewayFixture.Reply reply : List.of(create, patch)) {
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.json().get("code").asText()).isEqualTo("VALIDATION_ERROR");
            assertThat(reply.json().get("message").asText())
                    .contains("meditation, breathing, yoga, mindfulness, custom");
        }
        assertThat(gateway.get("/v1/sessions/" + id, token).json().get("type").asText()).isEqualTo("breathing");
        for (String type : List.of("meditation", "breathing", "yoga", "mindfulness", "custom")) {
            assertThat(gateway.post("/v1/sessions", token, Map.of("name", "n", "type", type)).status()).isEqualTo(201);
        }
        assertThat(gateway.post("/v1/sessions", token, Map.of("name", "untyped")).json().get("type").asText())
                .isEqualTo("custom");
    }

    @Test
    void tokenRequestWithoutGrantTypeIsRefused() {
        String username = gateway.newUser();

        GatewayFixture.Reply reply = gateway.post("/v1/auth/token", null,
                Map.of("username", username, "password", "correct horse"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("code").asText()).isEqualTo("VALIDATION_ERROR");
        assertThat(reply.json().get("message").asText()).contains("grant_type");
        assertThat(reply.json().has("access_token")).isFalse();
    }

    @Test
    void healthProbesSayReadyAndAliveAndEachServiceConnectedDisconnectedOrUnknown() {
        List<DependencyCheck> checks = List.of(DependencyCheck.inMemory("cache", true),
                DependencyCheck.of("database", "postgres", true, () -> {
                    throw new java.io.IOException("connection refused");
                }));
        GatewaySettings settings = GatewayFixture.settings(600, List.of(), 524_288);
        try (GatewayFixture down = new GatewayFixture(settings, checks)) {
            JsonNode health = down.get("/health", null).json();
            GatewayFixture.Reply ready = down.get("/health/ready", null);
            GatewayFixture.Reply live = down.get("/v1/health/live", null);

            assertThat(health.get("services")).isEqualTo(json(Map.of("cache", "connected",
                    "database", "disconnected", "messageQueue", "unknown")));
            assertThat(health.get("dependencies").get("database").get("error").asText())
                    .contains("connection refused");
            assertThat(health.has("ready")).isFalse();
            assertThat(health.has("alive")).isFalse();
            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.json().get("ready").isBoolean()).isTrue();
            assertThat(ready.json().get("ready").asBoolean()).isFalse();
            assertThat(live.status()).isEqualTo(200);
            assertThat(live.json().get("alive").asBoolean()).isTrue();
        }
        assertThat(gateway.get("/health/ready", null).json().get("ready").asBoolean()).isTrue();
    }
}
