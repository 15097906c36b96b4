package io.syncbridge.adapter.javalin.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncbridge.adapter.javalin.GatewayFixture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * RFC 6902 end to end through {@code PATCH /v1/sessions/{id}/state/delta}: the RFC's own examples
 * for move, copy and test (section 3 and appendix A), its error cases, all-or-nothing, and MERGE
 * treating a move or copy as touching both of its paths.
 */
class JsonPatchEndpointsTest {

    @RegisterExtension
    static final GatewayFixture gateway = new GatewayFixture();

    private static JsonNode json(String singleQuoted) {
        try {
            return GatewayFixture.JSON.readTree(singleQuoted.replace('\'', '"'));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static GatewayFixture.Reply delta(String token, String id, long base, String mutation,
                                              List<Map<String, Object>> operations) {
        return gateway.call("PATCH", "/v1/sessions/" + id + "/state/delta", token,
                Map.of("baseVersion", base, "mutationId", mutation, "operations", operations));
    }

    private static Map<String, Object> op(String op, String path, Object value) {
        Map<String, Object> operation = new java.util.LinkedHashMap<>();
        operation.put("op", op);
        operation.put("path", path);
        operation.put("value", value);
        return operation;
    }

    private static Map<String, Object> fromOp(String op, String from, String path) {
        return Map.of("op", op, "from", from, "path", path);
    }

    /** A session whose state is {@code doc} at version 1. */
    private String sessionWith(String token, String doc) {
        String id = gateway.newSession(token);
        GatewayFixture.Reply put = gateway.call("PUT", "/v1/sessions/" + id + "/state", token,
                Map.of("data", json(doc)));
        assertThat(put.status()).isEqualTo(200);
        return id;
    }

    private JsonNode state(String token, String id) {
        return gateway.get("/v1/sessions/" + id + "/state", token).json();
    }

    @Test
    void appliesTheSamplePatchOfSection3WithAllSixOperations() {
        String token = gateway.newUserToken();
        String id = sessionWith(token, "{'a':{'b':{'c':'foo'}}}");

        GatewayFixture.Reply reply = delta(token, id, 1, "m-sample", List.of(
                op("test", "/a/b/c", "foo"),
                Map.of("op", "remove", "path", "/a/b/c"),
                op("add", "/a/b/c", List.of("foo", "bar")),
                op("replace", "/a/b/c", 42),
                fromOp("move", "/a/b/c", "/a/b/d"),
                fromOp("copy", "/a/b/d", "/a/b/e")));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("data")).isEqualTo(json("{'a':{'b':{'d':42,'e':42}}}"));
        assertThat(reply.json().get("version").asLong()).isEqualTo(2);
    }

    @Test
    void movesAValueAndAnArrayElement() { // RFC 6902 A.6, A.7
        String token = gateway.newUserToken();
        String id = sessionWith(token, "{'foo':{'bar':'baz','waldo':'fred'},'qux':{'corge':'grault'}}");
        String list = sessionWith(token, "{'foo':['all','grass','cows','eat']}");

        GatewayFixture.Reply value = delta(token, id, 1, "m-a6", List.of(fromOp("move", "/foo/waldo", "/qux/thud")));
        GatewayFixture.Reply element = delta(token, list, 1, "m-a7", List.of(fromOp("move", "/foo/1", "/foo/3")));

        assertThat(value.json().get("data"))
                .isEqualTo(json("{'foo':{'bar':'baz'},'qux':{'corge':'grault','thud':'fred'}}"));
        assertThat(element.json().get("data")).isEqualTo(json("{'foo':['all','cows','eat','grass']}"));
    }

    @Test
    void copiesAValue() { // RFC 6902 4.5
        String token = gateway.newUserToken();
        String id = sessionWith(token, "{'a':{'b':{'c':[1,{'d':true}]}}}");

        GatewayFixture.Reply reply = delta(token, id, 1, "m-copy", List.of(fromOp("copy", "/a/b/c", "/a/b/e")));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("data")).isEqualTo(json("{'a':{'b':{'c':[1,{'d':true}],'e':[1,{'d':true}]}}}"));
    }

    @Test
    void aPassingTestChangesNothingButTheVersion() { // RFC 6902 A.8, A.14
        String token = gateway.newUserToken();
        String id = sessionWith(token, "{'baz':'qux','foo':['a',2,'c'],'/':9,'~1':10}");

        GatewayFixture.Reply reply = delta(token, id, 1, "m-a8", List.of(op("test", "/baz", "qux"),
                op("test", "/foo/1", 2), op("test", "/~01", 10)));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("data")).isEqualTo(json("{'baz':'qux','foo':['a',2,'c'],'/':9,'~1':10}"));
    }

    @Test
    void aFailingTestRefusesTheWholePatchAndChangesNothing() { // RFC 6902 A.9, A.15, section 5
        String token = gateway.newUserToken();
        String id = sessionWith(token, "{'baz':'qux','/':9,'~1':10}");
        JsonNode before = state(token, id);

        GatewayFixture.Reply differs = delta(token, id, 1, "m-a9", List.of(op("add", "/new", 1),
                op("test", "/baz", "bar")));
        GatewayFixture.Reply stringForNumber = delta(token, id, 1, "m-a15", List.of(op("test", "/~01", "10")));
        GatewayFixture.Reply missing = delta(token, id, 1, "m-missing", List.of(op("test", "/nothing", null)));

        assertThat(List.of(differs, stringForNumber, missing)).allSatisfy(reply -> {
            assertThat(reply.status()).as(reply.text()).isEqualTo(422);
            assertThat(reply.json().get("code").asText()).isEqualTo("INVALID_STATE");
        });
        assertThat(state(token, id)).isEqualTo(before);
    }

    @Test
    void refusesTheErrorCasesOfMoveAndCopyAndChangesNothing() { // RFC 6902 4.4, 4.5
        String token = gateway.newUserToken();
        String id = sessionWith(token, "{'a':{'b':1},'list':[1]}");
        JsonNode before = state(token, id);

        List<GatewayFixture.Reply> unprocessable = List.of(
                delta(token, id, 1, "m-1", List.of(fromOp("move", "/missing", "/b"))),
                delta(token, id, 1, "m-2", List.of(fromOp("move", "/a", "/a/child"))),
                delta(token, id, 1, "m-3", List.of(fromOp("copy", "/list/5", "/c"))),
                delta(token, id, 1, "m-4", List.of(fromOp("copy", "/a", "/nowhere/c"))));
        List<GatewayFixture.Reply> invalid = List.of(
                delta(token, id, 1, "m-5", List.of(Map.of("op", "move", "path", "/b"))),
                delta(token, id, 1, "m-6", List.of(Map.of("op", "copy", "from", 7, "path", "/b"))),
                delta(token, id, 1, "m-7", List.of(Map.of("op", "test", "path", "/a"))));

        assertThat(unprocessable).allSatisfy(reply -> {
            assertThat(reply.status()).as(reply.text()).isEqualTo(422);
            assertThat(reply.json().get("code").asText()).isEqualTo("INVALID_STATE");
        });
        assertThat(invalid).allSatisfy(reply -> {
            assertThat(reply.status()).as(reply.text()).isEqualTo(400);
            assertThat(reply.json().get("code").asText()).isEqualTo("VALIDATION_ERROR");
        });
        assertThat(state(token, id)).isEqualTo(before);
    }

    @Test
    void mergeTreatsAMoveAsTouchingBothItsPaths() {
        String token = gateway.newUserToken();
        String id = sessionWith(token, "{'a':1,'b':2,'c':3}");
        delta(token, id, 1, "m-move", List.of(fromOp("move", "/a", "/moved")));

        GatewayFixture.Reply onFrom = delta(token, id, 1, "m-from", List.of(op("replace", "/a", 10)));
        GatewayFixture.Reply onPath = delta(token, id, 1, "m-path", List.of(op("add", "/moved", 20)));
        GatewayFixture.Reply elsewhere = delta(token, id, 1, "m-else", List.of(op("replace", "/c", 30)));

        assertThat(onFrom.status()).isEqualTo(409);
        assertThat(onFrom.json().get("details").get("conflicts").get(0).get("path").asText()).isEqualTo("/a");
        assertThat(onPath.status()).isEqualTo(409);
        assertThat(onPath.json().get("details").get("conflicts").get(0).get("path").asText()).isEqualTo("/moved");
        assertThat(elsewhere.status()).isEqualTo(200);
        assertThat(elsewhere.json().get("outcome").asText()).isEqualTo("rebased");
        assertThat(state(token, id).get("data")).isEqualTo(json("{'b':2,'c':30,'moved':1}"));
    }

    @Test
    void aStaleCopyConflictsWithAChangeToItsFrom() {
        String token = gateway.newUserToken();
        String id = sessionWith(token, "{'a':1,'b':2}");
        delta(token, id, 1, "m-write", List.of(op("replace", "/a", 5)));

        GatewayFixture.Reply staleCopy = delta(token, id, 1, "m-copy", List.of(fromOp("copy", "/a", "/c")));

        assertThat(staleCopy.status()).isEqualTo(409);
        assertThat(staleCopy.json().get("details").get("conflicts").get(0).get("path").asText()).isEqualTo("/a");
    }

    @Test
    void theChangeFeedCarriesMoveCopyAndTestAsRfc6902Operations() {
        String token = gateway.newUserToken();
        String id = sessionWith(token, "{'a':1}");
        delta(token, id, 1, "m-ops", List.of(op("test", "/a", 1), fromOp("copy", "/a", "/b"),
                fromOp("move", "/b", "/c")));

        JsonNode changes = gateway.get("/v1/sessions/" + id + "/changes?since=1", token).json().get("changes");

        assertThat(changes.get(0).get("operations")).isEqualTo(json(
                "[{'op':'test','path':'/a','value':1},{'op':'copy','from':'/a','path':'/b'},"
                        + "{'op':'move','from':'/b','path':'/c'}]"));
    }
}
