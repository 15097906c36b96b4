package io.syncbridge.adapter.javalin.ws;

import static io.syncbridge.adapter.javalin.GatewayFixture.newId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncbridge.adapter.javalin.GatewayFixture;
import io.syncbridge.domain.change.MutationId;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.UserId;
import io.syncbridge.domain.state.JsonObject;
import io.syncbridge.domain.state.JsonValue;
import io.syncbridge.port.in.ChangeResult;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the streaming reader refuses on the WebSocket (a lone surrogate, a binary frame past the
 * text limit's size) and what the byte-budgeted send queue lets through (a replace of 1,100 keys
 * to a v1 device that reads).
 */
class WireInputRulesTest {

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

    @Test
    void refusesALoneSurrogateWith400AndStoresNothing() {
        try (WsClient client = server.joinV2(user, session, "phone")) {
            client.send("{\"type\":10,\"correlation_id\":\"c-1\",\"payload\":{\"mutation_id\":\"m-1\",\"base_version\":0,"
                    + "\"ops\":[{\"op\":\"add\",\"path\":\"/name\",\"value\":\"\\ud800\"}]}}");

            JsonNode error = client.next(6);
            assertThat(error.path("payload").path("code").asInt()).isEqualTo(400);
            assertThat(error.path("payload").path("message").asText()).contains("lone surrogate");
            assertThat(server.version(user, session)).isZero();
        }
    }

    @Test
    void refusesALoneSurrogateInAMemberNameToo() {
        try (WsClient client = server.joinV1(user, session, "phone")) {
            client.send("{\"type\":5,\"payload\":{\"key\":\"k\",\"value\":{\"\\udc00\":1}}}");

            assertThat(client.next(6).path("payload").path("code").asInt()).isEqualTo(400);
            assertThat(server.version(user, session)).isZero();
        }
    }

    @Test
    void answersA600KiBBinaryFrameWithAnErrorAndStaysOpen() {
        try (WsClient client = server.joinV2(user, session, "phone")) {
            client.sendBinary(new byte[600 * 1024]);

            assertThat(client.next(6).path("payload").path("code").asInt()).isEqualTo(400);
            client.send("{\"type\":1,\"payload\":{\"client_time\":7}}");
            assertThat(client.await(2).path("payload").path("client_time").asLong()).isEqualTo(7);
            assertThat(client.isClosed()).isFalse();
        }
    }

    @Test
    void answersABinaryFrameFarOverTheTextLimitWithTheSameErrorAndStaysOpen() {
        try (WsClient client = server.joinV2(user, session, "tablet")) {
            client.sendBinary(new byte[5 * 1024 * 1024]);

            JsonNode error = client.next(6).path("payload");
            assertThat(error.path("code").asInt()).isEqualTo(400);
            assertThat(error.path("reason").asText()).isEqualTo("INVALID_MESSAGE");
            client.send("{\"type\":1,\"payload\":{\"client_time\":8}}");
            assertThat(client.await(2).path("payload").path("client_time").asLong()).isEqualTo(8);
            assertThat(client.isClosed()).isFalse();
        }
    }

    @Test
    void aReplaceOf1100TopLevelKeysReachesAV1DeviceThatReads() {
        try (WsClient reader = server.joinV1(user, session, "laptop")) {
            Map<String, JsonValue> members = new LinkedHashMap<>();
            for (int i = 0; i < 1_100; i++) {
                members.put("key-" + i, JsonValue.of("value " + i));
            }
            ChangeResult result = server.core.sync().replace(server.owner(user),
                    SessionId.scoped(new UserId(user), session),
                    new JsonObject(members), OptionalLong.empty(), new MutationId("replace-1100"),
                    new DeviceId("phone"));
            assertThat(result).isInstanceOf(ChangeResult.Accepted.class);

            Set<String> keys = new HashSet<>();
            for (int i = 0; i < 1_100; i++) {
                JsonNode update = reader.next(5);
                keys.add(update.path("payload").path("key").asText());
            }
            assertThat(keys).hasSize(1_100).contains("key-0", "key-1099");
            assertThat(reader.isClosed()).isFalse();
        }
    }
}
