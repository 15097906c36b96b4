package io.syncbridge.adapter.javalin.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.adapter.javalin.GatewayFixture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** REST bodies follow the WebSocket's rules: a string is not a number, a lone surrogate is not text. */
class StrictJsonInputTest {

    @RegisterExtension
    static final GatewayFixture gateway = new GatewayFixture();

    @Test
    void refusesANumericStringVersionOnAReplaceWith400() {
        String token = gateway.newUserToken();
        String id = gateway.newSession(token);

        GatewayFixture.Reply reply = gateway.call("PUT", "/v1/sessions/" + id + "/state", token,
                Map.of("data", Map.of("a", 1), "version", "0"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.text()).contains("version must be an integer");
        assertThat(gateway.get("/v1/sessions/" + id + "/state", token).json().get("version").asLong()).isZero();
    }

    @Test
    void refusesANumericStringBaseVersionOnADeltaWith400() {
        String token = gateway.newUserToken();
        String id = gateway.newSession(token);
        gateway.call("PUT", "/v1/sessions/" + id + "/state", token, Map.of("data", Map.of("a", 1)));

        GatewayFixture.Reply reply = gateway.call("PATCH", "/v1/sessions/" + id + "/state/delta", token,
                Map.of("baseVersion", "1", "operations", List.of(Map.of("op", "add", "path", "/b", "value", 2))));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.text()).contains("baseVersion must be an integer");
        assertThat(gateway.get("/v1/sessions/" + id + "/state", token).json().get("version").asLong()).isEqualTo(1);
    }

    @Test
    void refusesALoneSurrogateWith400AndStoresNothing() {
        String token = gateway.newUserToken();
        String id = gateway.newSession(token);

        GatewayFixture.Reply reply = gateway.call("PUT", "/v1/sessions/" + id + "/state", token,
                "{\"data\":{\"name\":\"\\ud800\"}}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.text()).contains("lone surrogate");
        GatewayFixture.Reply state = gateway.get("/v1/sessions/" + id + "/state", token);
        assertThat(state.json().get("version").asLong()).isZero();
        assertThat(state.json().get("data").has("name")).isFalse();
    }

    @Test
    void keepsAPairedSurrogateExactly() {
        String token = gateway.newUserToken();
        String id = gateway.newSession(token);

        GatewayFixture.Reply reply = gateway.call("PUT", "/v1/sessions/" + id + "/state", token,
                "{\"data\":{\"face\":\"\\ud83d\\ude00\"}}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(gateway.get("/v1/sessions/" + id + "/state", token).json().get("data").get("face").asText())
                .isEqualTo("\uD83D\uDE00");
    }
}
