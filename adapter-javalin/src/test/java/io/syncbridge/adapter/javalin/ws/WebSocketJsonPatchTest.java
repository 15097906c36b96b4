package io.syncbridge.adapter.javalin.ws;

import static io.syncbridge.adapter.javalin.GatewayFixture.newId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncbridge.adapter.javalin.GatewayFixture;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** RFC 6902 move, copy and test in v2 Change messages, as deltas to v2 clients and StateUpdates to v1 ones. */
class WebSocketJsonPatchTest {

    private static GatewayFixture server;

    @BeforeAll
    static void start() {
        server = GatewayFixture.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private final String user = newId("user");
    private final String session = newId("session");

    private static JsonNode json(String singleQuoted) {
        try {
            return WsClient.JSON.readTree(singleQuoted.replace('\'', '"'));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String change(String mutationId, long baseVersion, String opsSingleQuoted) {
        return ("{'type':10,'payload':{'mutation_id':'" + mutationId + "','base_version':" + baseVersion
                + ",'ops':" + opsSingleQuoted + "}}").replace('\'', '"');
    }

    @Test
    void appliesTheSamplePatchOfRfc6902AndDeliversItsOperationsAsSent() {
        try (WsClient phone = server.joinV2(user, session, "phone");
             WsClient laptop = server.joinV2(user, session, "laptop")) {
            phone.send(change("m-0", 0, "[{'op':'add','path':'/a','value':{'b':{'c':'foo'}}}]"));
            phone.await(12);
            laptop.await(11);
            String sample = "[{'op':'test','path':'/a/b/c','value':'foo'},{'op':'remove','path':'/a/b/c'},"
                    + "{'op':'add','path':'/a/b/c','value':['foo','bar']},{'op':'replace','path':'/a/b/c','value':42},"
                    + "{'op':'move','from':'/a/b/c','path':'/a/b/d'},{'op':'copy','from':'/a/b/d','path':'/a/b/e'}]";

            phone.send(change("m-1", 1, sample));

            assertThat(phone.await(12).path("payload").path("outcome").asText()).isEqualTo("applied");
            assertThat(server.state(user, session)).isEqualTo(json("{'a':{'b':{'d':42,'e':42}}}"));
            assertThat(laptop.await(11).path("payload").path("ops")).isEqualTo(json(sample));
        }
    }

    @Test
    void aFailingTestIsAnErrorAndAppliesNothing() {
        try (WsClient phone = server.joinV2(user, session, "phone")) {
            phone.send(change("m-1", 0, "[{'op':'add','path':'/baz','value':'qux'}]"));
            phone.await(12);

            phone.send(change("m-2", 1, "[{'op':'add','path':'/x','value':1},{'op':'test','path':'/baz','value':'bar'}]"));

            JsonNode error = phone.await(6).path("payload");
            assertThat(error.path("code").asInt()).isEqualTo(422);
            assertThat(error.path("reason").asText()).isEqualTo("INVALID_STATE");
            assertThat(error.path("details").path("mutation_id").asText()).isEqualTo("m-2");
            assertThat(server.state(user, session)).isEqualTo(json("{'baz':'qux'}"));
            assertThat(server.version(user, session)).isEqualTo(1);
        }
    }

    @Test
    void aMoveOrCopyWithoutFromIsAnInvalidMessage() {
        try (WsClient phone = server.joinV2(user, session, "phone")) {
            phone.send(change("m-1", 0, "[{'op':'copy','path':'/b'}]"));

            assertThat(phone.await(6).path("payload").path("reason").asText()).isEqualTo("INVALID_MESSAGE");
            assertThat(server.version(user, session)).isZero();
        }
    }

    @Test
    void v1ClientsSeeAMoveAsTheOldKeyDeletedAndTheNewKeySet() {
        try (WsClient phone = server.joinV2(user, session, "phone");
             WsClient v1 = server.joinV1(user, session, "watch")) {
            phone.send(change("m-1", 0, "[{'op':'add','path':'/a','value':{'n':1}}]"));
            v1.await(5);

            phone.send(change("m-2", 1, "[{'op':'move','from':'/a','path':'/b'},{'op':'copy','from':'/b/n','path':'/c'}]"));

            assertThat(v1.await(5).path("payload")).isEqualTo(json("{'key':'a','operation':'DELETE'}"));
            assertThat(v1.await(5).path("payload")).isEqualTo(json("{'key':'b','value':{'n':1}}"));
            assertThat(v1.await(5).path("payload")).isEqualTo(json("{'key':'c','value':1}"));
        }
    }

    @Test
    void aStaleMoveConflictsWithAChangeToItsFrom() {
        try (WsClient phone = server.joinV2(user, session, "phone");
             WsClient laptop = server.joinV2(user, session, "laptop")) {
            phone.send(change("m-1", 0, "[{'op':'add','path':'/a','value':1}]"));
            phone.await(12);
            laptop.send(change("m-2", 1, "[{'op':'replace','path':'/a','value':2}]"));
            laptop.await(12);

            phone.send(change("m-3", 1, "[{'op':'move','from':'/a','path':'/b'}]"));

            JsonNode conflict = phone.await(13).path("payload");
            assertThat(conflict.path("conflicts")).isEqualTo(json("[{'path':'/a','current_value':2}]"));
        }
    }
}
