package io.syncbridge.client;

import io.syncbridge.app.Application;
import io.syncbridge.app.Config;
import io.syncbridge.app.Wiring;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.UserId;
import io.syncbridge.port.in.Caller;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** A SyncBridge server started in this JVM by the real wiring on a random port, as the client's tests use it. */
final class TestServer implements AutoCloseable {

    static final String JWT_SECRET = "client-test-secret-of-at-least-32-bytes!";

    private final Application application;

    private TestServer(Application application) {
        this.application = application;
    }

    /** A server on in-memory stores. */
    static TestServer inMemory() {
        return new TestServer(Wiring.start(Config.from(environment(Map.of())), "test"));
    }

    /** A node over a Redis (several such nodes form one deployment). */
    static TestServer onRedis(String redisAddr, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(extra);
        env.put("REDIS_ADDR", redisAddr);
        return new TestServer(Wiring.start(Config.from(environment(env)), "test"));
    }

    private static Map<String, String> environment(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put("SERVER_ADDR", "127.0.0.1:0");
        env.put("JWT_SECRET", JWT_SECRET);
        env.put("LOG_FORMAT", "text");
        env.put("WS_RATE_LIMIT", "100000/min");
        env.put("REST_RATE_LIMIT", "100000/min");
        env.putAll(extra);
        return env;
    }

    static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    int port() {
        return application.port();
    }

    URI endpoint() {
        return endpoint(port());
    }

    static URI endpoint(int port) {
        return URI.create("ws://127.0.0.1:" + port + "/ws");
    }

    String sessionToken(String user, String session, String device) {
        return application.tokens().issueSessionToken(new UserId(user), SessionId.scoped(new UserId(user), session), new DeviceId(device))
                .token();
    }

    /** The session as the server holds it now. */
    Session session(String user, String session) {
        return application.core().sessions().get(Caller.user(new UserId(user)), SessionId.scoped(new UserId(user), session));
    }

    @Override
    public void close() {
        application.stop();
    }
}
