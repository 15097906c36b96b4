package io.syncbridge.adapter.javalin.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncbridge.adapter.javalin.GatewayFixture;
import io.syncbridge.port.out.TokenClaims;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SessionEndpointsTest {

    @RegisterExtension
    static final GatewayFixture gateway = new GatewayFixture();

    @Test
    void createsASessionWithItsFieldsInCamelCase() {
        String token = gateway.newUserToken();

        GatewayFixture.Reply reply = gateway.post("/v1/sessions", token, Map.of("name", "Breathing", "type",
                "breathing", "settings", Map.of("theme", "dark", "conflictPolicy", "last_writer_wins")));

        assertThat(reply.status()).isEqualTo(201);
        JsonNode session = reply.json();
        assertThat(reply.header("Location")).isEqualTo("/v1/sessions/" + session.get("id").asText());
        assertThat(session.get("name").asText()).isEqualTo("Breathing");
        assertThat(session.get("type").asText()).isEqualTo("breathing");
        assertThat(session.get("status").asText()).isEqualTo("active");
        assertThat(session.get("version").asLong()).isZero();
        assertThat(session.get("state").get("version").asLong()).isZero();
        assertThat(session.get("state").get("data").isObject()).isTrue();
        // Settings exactly as written; the policy it names is applied and reported under policies.
        assertThat(session.get("settings")).isEqualTo(GatewayFixture.JSON.valueToTree(
                Map.of("theme", "dark", "conflictPolicy", "last_writer_wins")));
        assertThat(session.get("policies").get("conflictPolicy").asText()).isEqualTo("last_writer_wins");
        assertThat(session.has("userId")).isTrue();
        assertThat(session.has("createdAt")).isTrue();
        assertThat(session.has("updatedAt")).isTrue();
        assertThat(session.has("completedAt")).as("not completed: left out, not null").isFalse();
    }

    @Test
    void createsASessionWithTheIdTheClientChose() {
        String token = gateway.newUserToken();

        GatewayFixture.Reply reply = gateway.post("/v1/sessions", token, Map.of("id", "workout-42", "name", "W"));
        GatewayFixture.Reply again = gateway.post("/v1/sessions", token, Map.of("id", "workout-42", "name", "W"));

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json().get("id").asText()).isEqualTo("workout-42");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asText()).isEqualTo("SESSION_ALREADY_EXISTS");
    }

    @Test
    void refusesAnUnknownConflictPolicy() {
        GatewayFixture.Reply reply = gateway.post("/v1/sessions", gateway.newUserToken(),
                Map.of("name", "x", "settings", Map.of("conflictPolicy", "whatever")));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("code").asText()).isEqualTo("VALIDATION_ERROR");
    }

    @Test
    void readsASession() {
        String token = gateway.newUserToken();
        String id = gateway.newSession(token);

        GatewayFixture.Reply reply = gateway.get("/v1/sessions/" + id, token);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("id").asText()).isEqualTo(id);
        assertThat(reply.json().get("name").asText()).isEqualTo("Morning flow");
    }

    @Test
    void anotherUsersSessionIsNotFoundNotForbidden() {
        String owner = gateway.newUserToken();
        String id = gateway.newSession(owner);
        String stranger = gateway.newUserToken();

        List<GatewayFixture.Reply> replies = new ArrayList<>();
        replies.add(gateway.get("/v1/sessions/" + id, stranger));
        replies.add(gateway.call("PATCH", "/v1/sessions/" + id, stranger, Map.of("name", "mine now")));
        replies.add(gateway.call("DELETE", "/v1/sessions/" + id, stranger, null));
        replies.add(gateway.get("/v1/sessions/" + id + "/state", stranger));
        replies.add(gateway.call("PUT", "/v1/sessions/" + id + "/state", stranger, Map.of("data", Map.of("a", 1))));
        replies.add(gateway.call("PATCH", "/v1/sessions/" + id + "/state/delta", stranger, Map.of("baseVersion", 0,
                "operations", List.of(Map.of("op", "add", "path", "/a", "value", 1)))));
        replies.add(gateway.get("/v1/sessions/" + id + "/changes?since=0", stranger));
        replies.add(gateway.get("/v1/sessions/" + id + "/snapshots", stranger));
        replies.add(gateway.post("/v1/sessions/" + id + "/snapshots", stranger, Map.of("label", "x")));
        replies.add(gateway.get("/v1/sessions/" + id + "/devices", stranger));
        replies.add(gateway.post("/v1/sessions/" + id + "/tokens", stranger, Map.of("deviceId", "d1")));
        replies.add(gateway.post("/v1/sessions/" + id + "/handoff", stranger, Map.of("toDeviceId", "d1")));
        replies.add(gateway.get("/v1/sessions/" + id + "/events", stranger));

        assertThat(replies).allSatisfy(reply -> {
            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.json().get("code").asText()).isEqualTo("SESSION_NOT_FOUND");
        });
        assertThat(gateway.get("/v1/sessions/" + id, owner).json().get("name").asText()).isEqualTo("Morning flow");
    }

    @Test
    void listsOnlyTheCallersSessionsWithFiltersAndPages() {
        String token = gateway.newUserToken();
        for (int i = 0; i < 3; i++) {
            gateway.post("/v1/sessions", token, Map.of("name", "e" + i, "type", "breathing"));
        }
        gateway.post("/v1/sessions", token, Map.of("name", "form", "type", "yoga"));
        gateway.newSession(gateway.newUserToken());

        GatewayFixture.Reply all = gateway.get("/v1/sessions", token);
        GatewayFixture.Reply page = gateway.get("/v1/sessions?type=breathing&limit=2&offset=1", token);

        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().get("total").asLong()).isEqualTo(4);
        assertThat(all.json().get("limit").asInt()).isEqualTo(20);
        assertThat(all.json().get("offset").asInt()).isZero();
        assertThat(all.json().get("sessions")).hasSize(4);
        assertThat(page.json().get("total").asLong()).isEqualTo(3);
        assertThat(page.json().get("sessions")).hasSize(2);
        assertThat(page.json().get("limit").asInt()).isEqualTo(2);
        assertThat(page.json().get("offset").asInt()).isEqualTo(1);
        assertThat(page.json().get("sessions").get(0).get("type").asText()).isEqualTo("breathing");
    }

    @Test
    void listFiltersByStatus() {
        String token = gateway.newUserToken();
        String done = gateway.newSession(token);
        gateway.newSession(token);
        gateway.call("PATCH", "/v1/sessions/" + done, token, Map.of("status", "completed"));

        GatewayFixture.Reply completed = gateway.get("/v1/sessions?status=completed", token);

        assertThat(completed.json().get("total").asLong()).isEqualTo(1);
        assertThat(completed.json().get("sessions").get(0).get("id").asText()).isEqualTo(done);
    }

    @Test
    void refusesALimitOutsideOneToHundred() {
        String token = gateway.newUserToken();

        assertThat(gateway.get("/v1/sessions?limit=0", token).status()).isEqualTo(400);
        assertThat(gateway.get("/v1/sessions?limit=101", token).status()).isEqualTo(400);
        assertThat(gateway.get("/v1/sessions?limit=ten", token).json().get("code").asText())
                .isEqualTo("VALIDATION_ERROR");
        assertThat(gateway.get("/v1/sessions?status=sleeping", token).status()).isEqualTo(400);
    }

    @Test
    void patchesNameStatusAndSettings() {
        String token = gateway.newUserToken();
        String id = gateway.newSession(token);

        GatewayFixture.Reply reply = gateway.call("PATCH", "/v1/sessions/" + id, token,
                Map.of("name", "Evening flow", "status", "completed", "settings", Map.of("volume", 3)));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("name").asText()).isEqualTo("Evening flow");
        assertThat(reply.json().get("status").asText()).isEqualTo("completed");
        assertThat(reply.json().get("completedAt").isTextual()).isTrue();
        assertThat(reply.json().get("settings")).isEqualTo(GatewayFixture.JSON.valueToTree(Map.of("volume", 3)));
        assertThat(reply.json().get("policies").get("conflictPolicy").asText()).isEqualTo("merge");
    }

    @Test
    void deletesASessionThenItIsGone() {
        String token = gateway.newUserToken();
        String id = gateway.newSession(token);

        GatewayFixture.Reply deleted = gateway.call("DELETE", "/v1/sessions/" + id, token, null);
        GatewayFixture.Reply after = gateway.get("/v1/sessions/" + id, token);

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(after.status()).isEqualTo(404);
        assertThat(after.json().get("code").asText()).isEqualTo("SESSION_NOT_FOUND");
    }

    @Test
    void issuesASessionScopedTokenForADevice() throws Exception {
        String token = gateway.newUserToken();
        String id = gateway.newSession(token);

        GatewayFixture.Reply reply = gateway.post("/v1/sessions/" + id + "/tokens", token,
                Map.of("deviceId", "phone-1", "device", Map.of("type", "ios", "name", "Phone")));

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json().get("sessionId").asText()).isEqualTo(id);
        assertThat(reply.json().get("deviceId").asText()).isEqualTo("phone-1");
        assertThat(reply.json().get("expiresIn").asLong()).isEqualTo(900);
        TokenClaims claims = gateway.tokens.verify(reply.json().get("token").asText());
        assertThat(claims.session()).hasValueSatisfying(s -> assertThat(s.clientId()).isEqualTo(id));
        assertThat(claims.device()).hasValueSatisfying(d -> assertThat(d.value()).isEqualTo("phone-1"));
    }

    @Test
    void sessionTokenNeedsADevice() {
        String token = gateway.newUserToken();
        String id = gateway.newSession(token);

        GatewayFixture.Reply reply = gateway.post("/v1/sessions/" + id + "/tokens", token, Map.of());

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("code").asText()).isEqualTo("VALIDATION_ERROR");
    }

    @Test
    void unknownSessionIsNotFound() {
        GatewayFixture.Reply reply = gateway.get("/v1/sessions/no-such-session", gateway.newUserToken());

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().get("code").asText()).isEqualTo("SESSION_NOT_FOUND");
        assertThat(reply.json().get("message").asText()).contains("no-such-session");
        assertThat(reply.json().has("details")).isTrue();
    }
}
