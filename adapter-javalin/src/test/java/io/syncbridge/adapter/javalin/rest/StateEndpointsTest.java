package io.syncbridge.adapter.javalin.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncbridge.adapter.javalin.GatewayFixture;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StateEndpointsTest {

    @RegisterExtension
    static final GatewayFixture gateway = new GatewayFixture();

    @Test
    void newSessionHasEmptyStateAtVersionZeroWithAnETag() {
        String token = gateway.newUserToken();
        String id = gateway.newSession(token);

        GatewayFixture.Reply reply = gateway.get("/v1/sessions/" + id + "/state", token);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("ETag")).isEqualTo("\"0\"");
        assertThat(reply.json().get("version").asLong()).isZero();
        assertThat(reply.json().get("data").isObject()).isTrue();
        assertThat(reply.json().get("data")).isEmpty();
        assertThat(reply.json().get("checksum").asText()).startsWith("sha256:");
        assertThat(reply.json().has("lastModified")).isTrue();
        assertThat(reply.json().has("modifiedBy")).as("no one wrote it: left out, not null").isFalse();
    }

    @Test
    void putWithMatchingIfMatchReplacesTheState() {
        String token = gateway.newUserToken();
        String id = gateway.newSession(token);

        GatewayFixture.Reply put = gateway.send(gateway.request("PUT", "/v1/sessions/" + id + "/state", token,
                Map.of("data", Map.of("step", 3, "phase", "inhale"), "deviceId", "laptop"))
                .header("If-Match", "\"0\"").build());
        GatewayFixture.Reply read = gateway.get("/v1/sessions/" + id + "/state", token);

        assertThat(put.status()).isEqualTo(200);
        assertThat(put.header("ETag")).isEqualTo("\"1\"");
        assertThat(put.json().get("version").asLong()).isEqualTo(1);
        assertThat(read.json().get("data").get("step").asInt()).isEqualTo(3);
        assertThat(read.json().get("data").get("phase").asText()).isEqualTo("inhale");
        assertThat(read.json().get("modifiedBy").asText()).isEqualTo("laptop");
    }

    @Test
    void putWithAStaleIfMatchIsAVersionConflictAndChangesNothing() {
        String token = gateway.newUserToken();
        String id = gateway.newSession(token);
        gateway.call("PUT", "/v1/sessions/" + id + "/state", token, Map.of("data", Map.of("a", 1)));

        GatewayFixture.Reply stale = gateway.send(gateway.request("PUT", "/v1/sessions/" + id + "/state", token,
                Map.of("data", Map.of("a", 2))).header("If-Match", "\"0\"").build());

        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().get("code").asText()).isEqualTo("VERSION_CONFLICT");
        assertThat(stale.json().get("details").get("currentVersion").asLong()).isEqualTo(1);
        assertThat(gateway.get("/v1/sessions/" + id + "/state", token).json().get("data").get("a").asInt())
                .isEqualTo(1);
    }

    @Test
    void putWithAVersionInTheBodyIsCheckedToo() {
        String token = gateway.newUserToken();
        String id = gateway.newSession(token);

        GatewayFixture.Reply stale = gateway.call("PUT", "/v1/sessions/" + id + "/state", token,
                Map.of("data", Map.of("a", 2), "version", 7));

        assertThat(stale.status()).isEqualTo(409);
    }

    @Test
    void putNeedsADataObject() {
        String token = gateway.newUserToken();
        String id = gateway.newSession(token);

        GatewayFixture.Reply reply = gateway.call("PUT", "/v1/sessions/" + id + "/state", token,
                Map.of("data", List.of(1, 2)));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("code").asText()).isEqualTo("VALIDATION_ERROR");
    }

    @Test
    void ifNoneMatchOnTheCurrentVersionIsNotModified() {
        String token = gateway.newUserToken();
        String id = gateway.newSession(token);

        GatewayFixture.Reply reply = gateway.send(gateway.request("GET", "/v1/sessions/" + id + "/state", token, null)
                .header("If-None-Match", "\"0\"").build());

        assertThat(reply.status()).isEqualTo(304);
    }

    @Test
    void deltaAppliesOperationsAndAnswersTheNewState() {
        String token = gateway.newUserToken();
        String id = gateway.newSession(token);

        GatewayFixture.Reply reply = delta(token, id, 0, "m-1",
                List.of(Map.of("op", "add", "path", "/player", "value", Map.of("position", 12)),
                        Map.of("op", "add", "path", "/player/volume", "value", 0.5)));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("version").asLong()).isEqualTo(1);
        assertThat(reply.json().get("outcome").asText()).isEqualTo("applied");
        assertThat(reply.json().get("mutationId").asText()).isEqualTo("m-1");
        assertThat(reply.json().get("data").get("player").get("position").asInt()).isEqualTo(12);
        assertThat(reply.json().get("data").get("player").get("volume").decimalValue()).isEqualByComparingTo("0.5");
    }

    @Test
    void staleDeltaOnADifferentPathIsRebased() {
        String token = gateway.newUserToken();
        String id = gateway.newSession(token);
        delta(token, id, 0, "m-a", List.of(Map.of("op", "add", "path", "/a", "value", 1)));

        GatewayFixture.Reply reply = delta(token, id, 0, "m-b", List.of(Map.of("op", "add", "path", "/b", "value", 2)));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("outcome").asText()).isEqualTo("rebased");
        assertThat(reply.json().get("version").asLong()).isEqualTo(2);
        assertThat(reply.json().get("data").get("a").asInt()).isEqualTo(1);
    }

    @Test
    void staleDeltaOnTheSamePathIsAConflictNamingThePath() {
        String token = gateway.newUserToken();
        String id = gateway.newSession(token);
        delta(token, id, 0, "m-a", List.of(Map.of("op", "add", "path", "/score", "value", 10)));

        GatewayFixture.Reply reply = delta(token, id, 0, "m-b",
                List.of(Map.of("op", "replace", "path", "/score", "value", 5)));

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.json().get("code").asText()).isEqualTo("VERSION_CONFLICT");
        JsonNode details = reply.json().get("details");
        assertThat(details.get("baseVersion").asLong()).isZero();
        assertThat(details.get("currentVersion").asLong()).isEqualTo(1);
        assertThat(details.get("conflicts").get(0).get("path").asText()).isEqualTo("/score");
        assertThat(details.get("conflicts").get(0).get("currentValue").asInt()).isEqualTo(10);
    }

    @Test
    void retriedDeltaIsADuplicateAppliedOnce() {
        String token = gateway.newUserToken();
        String id = gateway.newSession(token);
        List<Map<String, Object>> ops = List.of(Map.of("op", "add", "path", "/n", "value", 1));
        delta(token, id, 0, "m-same", ops);

        GatewayFixture.Reply retry = delta(token, id, 0, "m-same", ops);

        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.json().get("outcome").asText()).isEqualTo("duplicate");
        assertThat(retry.json().get("version").asLong()).isEqualTo(1);
    }

    @Test
    void deltaWithAMalformedPathIsInvalid() {
        String token = gateway.newUserToken();
        String id = gateway.newSession(token);

        GatewayFixture.Reply reply = delta(token, id, 0, "m-1",
                List.of(Map.of("op", "add", "path", "no-slash", "value", 1)));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("code").asText()).isEqualTo("INVALID_REQUEST");
    }

    @Test
    void deltaOnAMissingMemberIsAnInvalidState() {
        String token = gateway.newUserToken();
        String id = gateway.newSession(token);

        GatewayFixture.Reply reply = delta(token, id, 0, "m-1", List.of(Map.of("op", "remove", "path", "/ghost")));

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json().get("code").asText()).isEqualTo("INVALID_STATE");
    }

    @Test
    void deltaWithAnUnknownOpOrNoBaseVersionIsAValidationError() {
        String token = gateway.newUserToken();
        String id = gateway.newSession(token);

        GatewayFixture.Reply unknownOp = delta(token, id, 0, "m-1", List.of(Map.of("op", "move", "path", "/a")));
        GatewayFixture.Reply noBase = gateway.call("PATCH", "/v1/sessions/" + id + "/state/delta", token,
                Map.of("operations", List.of(Map.of("op", "add", "path", "/a", "value", 1))));
        GatewayFixture.Reply wrongType = gateway.call("PATCH", "/v1/sessions/" + id + "/state/delta", token,
                Map.of("baseVersion", "zero", "operations", List.of(Map.of("op", "add", "path", "/a", "value", 1))));

        assertThat(List.of(unknownOp, noBase, wrongType)).allSatisfy(reply -> {
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.json().get("code").asText()).isEqualTo("VALIDATION_ERROR");
        });
    }

    @Test
    void deltaThatMakesTheStateTooDeepIsRefused() {
        String token = gateway.newUserToken();
        String id = gateway.newSession(token);
        Object deep = 1;
        for (int i = 0; i < 40; i++) {
            deep = Map.of("d", deep);
        }

        GatewayFixture.Reply reply = delta(token, id, 0, "m-deep", List.of(Map.of("op", "add", "path", "/x",
                "value", deep)));

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.json().get("code").asText()).isEqualTo("STATE_TOO_LARGE");
        assertThat(gateway.get("/v1/sessions/" + id + "/state", token).json().get("version").asLong()).isZero();
    }

    @Test
    void changesSinceAVersionListTheLaterChanges() {
        String token = gateway.newUserToken();
        String id = gateway.newSession(token);
        delta(token, id, 0, "m-1", List.of(Map.of("op", "add", "path", "/a", "value", 1)));
        delta(token, id, 1, "m-2", List.of(Map.of("op", "add", "path", "/b", "value", 2)));

        GatewayFixture.Reply reply = gateway.get("/v1/sessions/" + id + "/changes?since=1", token);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("fromVersion").asLong()).isEqualTo(1);
        assertThat(reply.json().get("toVersion").asLong()).isEqualTo(2);
        assertThat(reply.json().get("reset").asBoolean()).isFalse();
        JsonNode change = reply.json().get("changes").get(0);
        assertThat(change.get("version").asLong()).isEqualTo(2);
        assertThat(change.get("mutationId").asText()).isEqualTo("m-2");
        assertThat(change.get("operations").get(0).get("path").asText()).isEqualTo("/b");
    }

    @Test
    void changesFromAVersionAheadOfTheSessionResetToTheFullState() {
        String token = gateway.newUserToken();
        String id = gateway.newSession(token);
        delta(token, id, 0, "m-1", List.of(Map.of("op", "add", "path", "/a", "value", 1)));

        GatewayFixture.Reply reply = gateway.get("/v1/sessions/" + id + "/changes?since=99", token);

        assertThat(reply.json().get("reset").asBoolean()).isTrue();
        assertThat(reply.json().get("state").get("version").asLong()).isEqualTo(1);
        assertThat(reply.json().get("state").get("data").get("a").asInt()).isEqualTo(1);
    }

    @Test
    void longPollAnswersWithTheChangeThatArrivesWhileItWaits() throws Exception {
        String token = gateway.newUserToken();
        String id = gateway.newSession(token);
        HttpRequest poll = gateway.request("GET", "/v1/sessions/" + id + "/changes?since=0&wait=20", token, null)
                .build();

        CompletableFuture<HttpResponse<String>> waiting = gateway.http.sendAsync(poll,
                HttpResponse.BodyHandlers.ofString());
        delta(token, id, 0, "m-late", List.of(Map.of("op", "add", "path", "/late", "value", true)));
        HttpResponse<String> response = waiting.get(25, TimeUnit.SECONDS);
        gateway.conforms(poll, response);

        JsonNode body = GatewayFixture.JSON.readTree(response.body());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body.get("changes")).hasSize(1);
        assertThat(body.get("changes").get(0).get("mutationId").asText()).isEqualTo("m-late");
    }

    @Test
    void longPollWithNothingNewAnswersWithNoChanges() {
        String token = gateway.newUserToken();
        String id = gateway.newSession(token);

        GatewayFixture.Reply reply = gateway.get("/v1/sessions/" + id + "/changes?since=0&wait=1", token);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("changes")).isEmpty();
        assertThat(reply.json().get("toVersion").asLong()).isZero();
    }

    @Test
    void changesRefuseANegativeSince() {
        String token = gateway.newUserToken();
        String id = gateway.newSession(token);

        GatewayFixture.Reply reply = gateway.get("/v1/sessions/" + id + "/changes?since=-1", token);

        assertThat(reply.status()).isEqualTo(400);
    }

    static GatewayFixture.Reply delta(String token, String id, long base, String mutation,
                                      List<Map<String, Object>> operations) {
        return gateway.call("PATCH", "/v1/sessions/" + id + "/state/delta", token,
                Map.of("baseVersion", base, "mutationId", mutation, "operations", operations));
    }
}
