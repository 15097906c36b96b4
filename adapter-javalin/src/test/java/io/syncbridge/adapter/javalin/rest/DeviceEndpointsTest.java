package io.syncbridge.adapter.javalin.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncbridge.adapter.javalin.GatewayFixture;
import io.syncbridge.domain.device.DeviceDescription;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.device.DeviceKind;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.port.in.Caller;
import io.syncbridge.port.out.TokenClaims;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DeviceEndpointsTest {

    @RegisterExtension
    static final GatewayFixture gateway = new GatewayFixture();

    @Test
    void listsTheDevicesWithOnlineAndActiveFlags() throws Exception {
        String token = gateway.newUserToken();
        String id = gateway.newSession(token);
        connect(token, id, "phone", DeviceKind.IOS);
        connect(token, id, "laptop", DeviceKind.DESKTOP);

        GatewayFixture.Reply reply = gateway.get("/v1/sessions/" + id + "/devices", token);

        assertThat(reply.status()).isEqualTo(200);
        JsonNode devices = reply.json().get("devices");
        assertThat(devices).hasSize(2);
        JsonNode phone = devices.get(0);
        assertThat(phone.get("id").asText()).isEqualTo("phone");
        assertThat(phone.get("type").asText()).isEqualTo("ios");
        assertThat(phone.get("name").asText()).isEqualTo("phone device");
        assertThat(phone.get("userAgent").asText()).isEqualTo("test-agent");
        assertThat(phone.get("capabilities").get(0).asText()).isEqualTo("delta");
        assertThat(phone.get("online").asBoolean()).isTrue();
        assertThat(phone.get("active").asBoolean()).isTrue();
        assertThat(phone.has("connectedAt")).isTrue();
        assertThat(phone.has("lastSeen")).isTrue();
        assertThat(devices.get(1).get("active").asBoolean()).isFalse();
    }

    @Test
    void removesADevice() throws Exception {
        String token = gateway.newUserToken();
        String id = gateway.newSession(token);
        connect(token, id, "phone", DeviceKind.IOS);
        connect(token, id, "laptop", DeviceKind.DESKTOP);

        GatewayFixture.Reply removed = gateway.call("DELETE", "/v1/sessions/" + id + "/devices/phone", token, null);
        GatewayFixture.Reply list = gateway.get("/v1/sessions/" + id + "/devices", token);

        assertThat(removed.status()).isEqualTo(204);
        assertThat(list.json().get("devices")).hasSize(1);
        assertThat(list.json().get("devices").get(0).get("id").asText()).isEqualTo("laptop");
    }

    @Test
    void removingAnUnknownDeviceIsNotFound() {
        String token = gateway.newUserToken();
        String id = gateway.newSession(token);

        GatewayFixture.Reply reply = gateway.call("DELETE", "/v1/sessions/" + id + "/devices/ghost", token, null);

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().get("code").asText()).isEqualTo("DEVICE_NOT_FOUND");
    }

    @Test
    void handsTheSessionOffToAnotherDevice() throws Exception {
        String token = gateway.newUserToken();
        String id = gateway.newSession(token);
        connect(token, id, "phone", DeviceKind.IOS);
        connect(token, id, "laptop", DeviceKind.DESKTOP);

        GatewayFixture.Reply reply = gateway.post("/v1/sessions/" + id + "/handoff", token,
                Map.of("toDeviceId", "laptop"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("fromDeviceId").asText()).isEqualTo("phone");
        assertThat(reply.json().get("toDeviceId").asText()).isEqualTo("laptop");
        assertThat(reply.json().get("latencyMs").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(reply.json().get("handoffId").asText()).isNotBlank();
        assertThat(gateway.get("/v1/sessions/" + id, token).json().get("activeDeviceId").asText())
                .isEqualTo("laptop");
    }

    @Test
    void handoffToADeviceNotInTheSessionIsNotFound() throws Exception {
        String token = gateway.newUserToken();
        String id = gateway.newSession(token);
        connect(token, id, "phone", DeviceKind.IOS);

        GatewayFixture.Reply reply = gateway.post("/v1/sessions/" + id + "/handoff", token,
                Map.of("toDeviceId", "tv"));

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().get("code").asText()).isEqualTo("DEVICE_NOT_FOUND");
    }

    @Test
    void handoffTokenIsClaimedOnceForASessionScopedToken() throws Exception {
        String token = gateway.newUserToken();
        String id = gateway.newSession(token);
        connect(token, id, "phone", DeviceKind.IOS);
        gateway.call("PUT", "/v1/sessions/" + id + "/state", token, Map.of("data", Map.of("track", 7)));

        GatewayFixture.Reply issued = gateway.post("/v1/sessions/" + id + "/handoff-tokens", token,
                Map.of("deviceId", "phone", "ttlSeconds", 120));
        String handoffToken = issued.json().get("handoffToken").asText();
        GatewayFixture.Reply claimed = gateway.post("/v1/handoff/claim", null, Map.of("handoffToken", handoffToken,
                "deviceId", "tablet", "device", Map.of("type", "android", "name", "Tablet")));
        GatewayFixture.Reply again = gateway.post("/v1/handoff/claim", null, Map.of("handoffToken", handoffToken,
                "deviceId", "tablet-2"));

        assertThat(issued.status()).isEqualTo(201);
        assertThat(issued.json().get("sessionId").asText()).isEqualTo(id);
        assertThat(issued.json().get("expiresAt").asText()).isNotBlank();
        assertThat(claimed.status()).isEqualTo(200);
        assertThat(claimed.json().get("sessionId").asText()).isEqualTo(id);
        assertThat(claimed.json().get("deviceId").asText()).isEqualTo("tablet");
        assertThat(claimed.json().get("handoff").get("toDeviceId").asText()).isEqualTo("tablet");
        assertThat(claimed.json().get("state").get("data").get("track").asInt()).isEqualTo(7);
        TokenClaims claims = gateway.tokens.verify(claimed.json().get("token").asText());
        assertThat(claims.session().map(SessionId::clientId)).contains(id);
        assertThat(claims.device()).contains(new DeviceId("tablet"));
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.json().get("code").asText()).isEqualTo("HANDOFF_TOKEN_INVALID");
    }

    @Test
    void handoffTokenNamingADeviceNeedsADeviceOfTheSession() {
        String token = gateway.newUserToken();
        String id = gateway.newSession(token);

        GatewayFixture.Reply unknown = gateway.post("/v1/sessions/" + id + "/handoff-tokens", token,
                Map.of("deviceId", "ghost"));

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("code").asText()).isEqualTo("DEVICE_NOT_FOUND");
    }

    @Test
    void handoffTokenMadeWithTheOwnersUserTokenAndAnEmptyBodyHandsTheSessionToWhicheverDeviceClaimsIt() {
        String token = gateway.newUserToken();
        String id = gateway.newSession(token);
        gateway.call("PUT", "/v1/sessions/" + id + "/state", token, Map.of("data", Map.of("track", 7)));

        // The web app, with no device connected: the user token and no body at all, or an empty object.
        GatewayFixture.Reply issued = gateway.post("/v1/sessions/" + id + "/handoff-tokens", token, null);
        GatewayFixture.Reply issuedWithEmptyObject = gateway.post("/v1/sessions/" + id + "/handoff-tokens", token,
                Map.of());
        GatewayFixture.Reply claimed = gateway.post("/v1/handoff/claim", null, Map.of("handoffToken",
                issued.json().get("handoffToken").asText(), "deviceId", "phone", "device",
                Map.of("type", "ios", "name", "Phone")));

        assertThat(issued.status()).isEqualTo(201);
        assertThat(issued.json().get("sessionId").asText()).isEqualTo(id);
        assertThat(issuedWithEmptyObject.status()).isEqualTo(201);
        assertThat(claimed.status()).isEqualTo(200);
        assertThat(claimed.json().get("deviceId").asText()).isEqualTo("phone");
        assertThat(claimed.json().get("handoff").get("toDeviceId").asText()).isEqualTo("phone");
        assertThat(claimed.json().get("state").get("data").get("track").asInt()).isEqualTo(7);
        GatewayFixture.Reply session = gateway.get("/v1/sessions/" + id, token);
        assertThat(session.json().get("activeDeviceId").asText()).isEqualTo("phone");
        assertThat(gateway.get("/v1/sessions/" + id + "/devices", token).json().get("devices"))
                .extracting(d -> d.get("id").asText()).containsExactly("phone");
    }

    @Test
    void claimingAMadeUpTokenIsRefused() {
        GatewayFixture.Reply reply = gateway.post("/v1/handoff/claim", null,
                Map.of("handoffToken", "made-up", "deviceId", "tablet"));

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json().get("code").asText()).isEqualTo("HANDOFF_TOKEN_INVALID");
    }

    private static void connect(String token, String session, String device, DeviceKind kind) throws Exception {
        TokenClaims claims = gateway.tokens.verify(token);
        gateway.core.devices().connect(Caller.user(claims.user()), SessionId.scoped(claims.user(), session), new DeviceId(device),
                new DeviceDescription(kind, device + " device", "test-agent", Set.of("delta")), "conn-" + device);
    }
}
