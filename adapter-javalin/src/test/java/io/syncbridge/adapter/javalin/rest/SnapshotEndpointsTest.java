package io.syncbridge.adapter.javalin.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.adapter.javalin.GatewayFixture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SnapshotEndpointsTest {

    @RegisterExtension
    static final GatewayFixture gateway = new GatewayFixture();

    @Test
    void createsASnapshotOfTheCurrentState() {
        String token = gateway.newUserToken();
        String id = sessionWithState(token, Map.of("round", 1));

        GatewayFixture.Reply reply = gateway.post("/v1/sessions/" + id + "/snapshots", token,
                Map.of("label", "before round 2"));

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json().get("label").asText()).isEqualTo("before round 2");
        assertThat(reply.json().get("version").asLong()).isEqualTo(1);
        assertThat(reply.json().get("sessionId").asText()).isEqualTo(id);
        assertThat(reply.json().get("state").get("data").get("round").asInt()).isEqualTo(1);
        assertThat(reply.json().get("state").get("version").asLong()).isEqualTo(1);
        assertThat(reply.json().get("state").get("checksum").asText()).startsWith("sha256:");
        assertThat(reply.json().get("createdBy").asText()).isNotBlank();
        assertThat(reply.json().has("author")).isFalse();
        assertThat(reply.header("Location")).endsWith("/snapshots/" + reply.json().get("id").asText());
    }

    @Test
    void listsSnapshotsNewestFirstWithTheTotal() {
        String token = gateway.newUserToken();
        String id = sessionWithState(token, Map.of("round", 1));
        gateway.post("/v1/sessions/" + id + "/snapshots", token, Map.of("label", "first"));
        gateway.post("/v1/sessions/" + id + "/snapshots", token, Map.of("label", "second"));

        GatewayFixture.Reply all = gateway.get("/v1/sessions/" + id + "/snapshots", token);
        GatewayFixture.Reply one = gateway.get("/v1/sessions/" + id + "/snapshots?limit=1", token);

        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().get("total").asInt()).isEqualTo(2);
        assertThat(all.json().get("snapshots")).hasSize(2);
        assertThat(all.json().get("snapshots").get(0).get("state").get("data").get("round").asInt()).isEqualTo(1);
        assertThat(all.json().get("snapshots").get(0).get("createdBy").asText()).isNotBlank();
        assertThat(one.json().get("snapshots")).hasSize(1);
        assertThat(one.json().get("total").asInt()).isEqualTo(2);
    }

    @Test
    void listRefusesABadBefore() {
        String token = gateway.newUserToken();
        String id = gateway.newSession(token);

        GatewayFixture.Reply reply = gateway.get("/v1/sessions/" + id + "/snapshots?before=yesterday", token);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("code").asText()).isEqualTo("VALIDATION_ERROR");
    }

    @Test
    void readsOneSnapshotWithItsState() {
        String token = gateway.newUserToken();
        String id = sessionWithState(token, Map.of("round", 1));
        String snapshot = gateway.post("/v1/sessions/" + id + "/snapshots", token, Map.of("label", "s"))
                .json().get("id").asText();

        GatewayFixture.Reply reply = gateway.get("/v1/sessions/" + id + "/snapshots/" + snapshot, token);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("id").asText()).isEqualTo(snapshot);
        assertThat(reply.json().get("state").get("data").get("round").asInt()).isEqualTo(1);
        assertThat(reply.json().get("createdBy").asText()).isNotBlank();
    }

    @Test
    void unknownSnapshotIsNotFound() {
        String token = gateway.newUserToken();
        String id = gateway.newSession(token);

        GatewayFixture.Reply reply = gateway.get("/v1/sessions/" + id + "/snapshots/nope", token);

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().get("code").asText()).isEqualTo("SNAPSHOT_NOT_FOUND");
    }

    @Test
    void restoringASnapshotIsANewVersionWithTheOldState() {
        String token = gateway.newUserToken();
        String id = sessionWithState(token, Map.of("round", 1));
        String snapshot = gateway.post("/v1/sessions/" + id + "/snapshots", token, Map.of("label", "r1"))
                .json().get("id").asText();
        gateway.call("PUT", "/v1/sessions/" + id + "/state", token, Map.of("data", Map.of("round", 2)));

        GatewayFixture.Reply restored = gateway.post("/v1/sessions/" + id + "/snapshots/" + snapshot + "/restore",
                token, Map.of());

        assertThat(restored.status()).isEqualTo(200);
        assertThat(restored.json().get("version").asLong()).isEqualTo(3);
        assertThat(restored.json().get("data").get("round").asInt()).isEqualTo(1);
        assertThat(gateway.get("/v1/sessions/" + id + "/state", token).json().get("data").get("round").asInt())
                .isEqualTo(1);
    }

    private static String sessionWithState(String token, Map<String, Object> data) {
        String id = gateway.newSession(token);
        GatewayFixture.Reply put = gateway.call("PUT", "/v1/sessions/" + id + "/state", token, Map.of("data", data));
        assertThat(put.status()).isEqualTo(200);
        return id;
    }

    @Test
    void snapshotsOfAnotherUsersSessionAreNotFound() {
        String token = gateway.newUserToken();
        String id = sessionWithState(token, Map.of("a", 1));
        String snapshot = gateway.post("/v1/sessions/" + id + "/snapshots", token, Map.of("label", "s"))
                .json().get("id").asText();
        String stranger = gateway.newUserToken();

        assertThat(List.of(gateway.get("/v1/sessions/" + id + "/snapshots/" + snapshot, stranger),
                gateway.post("/v1/sessions/" + id + "/snapshots/" + snapshot + "/restore", stranger, Map.of())))
                .allSatisfy(reply -> assertThat(reply.status()).isEqualTo(404));
    }
}
