package io.syncbridge.adapter.javalin.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.syncbridge.adapter.javalin.GatewaySettings;
import io.syncbridge.adapter.jwt.GrantCheckedTokens;
import io.syncbridge.adapter.jwt.HmacAccessTokens;
import io.syncbridge.application.SyncBridge;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.SessionSettings;
import io.syncbridge.domain.session.UserId;
import io.syncbridge.port.in.Caller;
import io.syncbridge.port.in.SessionsUseCase;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * A real server for the gateway tests: the in-memory core, HS256 tokens, the gateway registered on a
 * Javalin listening on a random port, and a java.net.http client to talk to it.
 */
final class GatewayFixture implements AutoCloseable {

    static final byte[] SECRET = "a-test-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8);

    /** Test defaults: generous rate limit so that only the rate-limit tests meet it. */
    static final GatewaySettings SETTINGS = GatewaySettings.builder().host("127.0.0.1").port(0)
            .wsMessagesPerMinute(10_000).version("test").build();

    final SyncBridge core;
    final HmacAccessTokens tokens;
    final MeterRegistry registry;
    final WebSocketGateway gateway;
    final Javalin app;
    final HttpClient http = HttpClient.newHttpClient();

    private GatewayFixture(SyncBridge core, GatewaySettings settings, MeterRegistry registry) {
        this.core = core;
        this.registry = registry;
        this.tokens = new HmacAccessTokens(SECRET, Duration.ofMinutes(15), Clock.systemUTC());
        this.gateway = new WebSocketGateway(core, GrantCheckedTokens.checking(tokens, core.grants()), settings, registry,
                Clock.systemUTC());
        this.app = Javalin.create(cfg -> gateway.register(cfg)).start("127.0.0.1", 0);
    }

    static GatewayFixture start() {
        return start(SyncBridge.inMemory(), SETTINGS);
    }

    static GatewayFixture start(GatewaySettings settings) {
        return start(SyncBridge.inMemory(), settings);
    }

    static GatewayFixture start(SyncBridge core, GatewaySettings settings) {
        return new GatewayFixture(core, settings, new SimpleMeterRegistry());
    }

    static GatewayFixture start(SyncBridge core, GatewaySettings settings, MeterRegistry registry) {
        return new GatewayFixture(core, settings, registry);
    }

    static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    URI uri(String pathAndQuery) {
        return URI.create("ws://127.0.0.1:" + app.port() + pathAndQuery);
    }

    WsClient connect() {
        return connect("/ws");
    }

    WsClient connect(String pathAndQuery) {
        return WsClient.connect(http, uri(pathAndQuery));
    }

    String sessionToken(String user, String session, String device) {
        return tokens.issueSessionToken(new UserId(user), SessionId.scoped(new UserId(user), session), new DeviceId(device)).token();
    }

    String userToken(String user) {
        return tokens.issueUserToken(new UserId(user)).token();
    }

    /** Creates a session owned by {@code user}. */
    void createSession(String user, String session) {
        core.sessions().create(Caller.user(new UserId(user)), new SessionsUseCase.CreateSession(
                Optional.of(SessionId.scoped(new UserId(user), session)), "test", "test", SessionSettings.DEFAULT));
    }

    static ObjectNode auth(String token) {
        ObjectNode message = WsClient.JSON.createObjectNode().put("type", 7);
        message.putObject("payload").put("token", token);
        return message;
    }

    /** A connection authenticated on {@code session} as {@code device} of {@code user}, AuthSuccess consumed. */
    WsClient join(String user, String session, String device, int protocol) {
        WsClient client = connect();
        ObjectNode auth = auth(sessionToken(user, session, device));
        ((ObjectNode) auth.get("payload")).put("protocol", protocol);
        client.send(auth);
        JsonNode success = client.next();
        assertThat(success.path("type").asInt()).as("answer to Auth: %s", success).isEqualTo(8);
        return client;
    }

    WsClient joinV1(String user, String session, String device) {
        return join(user, session, device, 1);
    }

    WsClient joinV2(String user, String session, String device) {
        return join(user, session, device, 2);
    }

    Caller owner(String user) {
        return Caller.user(new UserId(user));
    }

    /** The session's state as the core has it now. */
    JsonNode state(String user, String session) {
        var root = core.sessions().get(owner(user), SessionId.scoped(new UserId(user), session)).state().root();
        try {
            // Re-read as a client would, so that trees compare equal to ones parsed from text.
            return WsClient.JSON.readTree(io.syncbridge.adapter.javalin.json.JsonValues.toNode(root).toString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    long version(String user, String session) {
        return core.sessions().get(owner(user), SessionId.scoped(new UserId(user), session)).version();
    }

    @Override
    public void close() {
        gateway.shutdown();
        app.stop();
    }
}
