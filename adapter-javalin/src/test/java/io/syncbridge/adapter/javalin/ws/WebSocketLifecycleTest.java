package io.syncbridge.adapter.javalin.ws;

import static io.syncbridge.adapter.javalin.GatewayFixture.newId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.syncbridge.adapter.javalin.GatewayFixture;
import io.syncbridge.application.SyncBridge;
import io.syncbridge.domain.session.SessionPolicy;
import io.syncbridge.port.out.contract.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Session expiry as connections see it, the gateway's metrics, and shutdown. */
class WebSocketLifecycleTest {

    private final String user = newId("user");
    private final String session = newId("session");

    @Test
    void warnsOfExpiryThenEndsTheSessionAndClosesItsConnections() {
        MutableClock clock = new MutableClock();
        SyncBridge core = SyncBridge.builder().clock(clock).policy(SessionPolicy.DEFAULT).build();
        try (GatewayFixture server = GatewayFixture.start(core, GatewayFixture.SETTINGS);
             WsClient v2 = server.joinV2(user, session, "phone");
             WsClient v1 = server.joinV1(user, session, "laptop")) {
            Instant expiresAt = clock.now().plus(SessionPolicy.DEFAULT.sessionTtl());
            clock.advance(SessionPolicy.DEFAULT.sessionTtl().minus(Duration.ofMinutes(2)));
            core.expiry().sweep();
            JsonNode expiring = v2.await(24).path("payload");
            assertThat(Instant.parse(expiring.path("expires_at").asText())).isEqualTo(expiresAt);

            clock.advance(Duration.ofMinutes(3));
            core.expiry().sweep();
            assertThat(v2.await(25).path("payload").path("reason").asText()).isEqualTo("expired");
            assertThat(v2.awaitClose().code()).isEqualTo(1000);
            assertThat(v1.awaitClose().code()).isEqualTo(1000);
        }
    }

    @Test
    void countsOpenConnectionsAndErrorsUnderTheRunbookNames() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (GatewayFixture server = GatewayFixture.start(SyncBridge.inMemory(), GatewayFixture.SETTINGS, registry);
             WsClient one = server.joinV1(user, session, "phone");
             WsClient two = server.connect()) {
            two.send("{\"type\":1}");
            two.next(2);
            assertThat(server.gateway.activeConnections()).isEqualTo(2);
            String scrape = registry.scrape();
            assertThat(scrape).contains("websocket_connection_errors_total");
            assertThat(scrape).contains("websocket_message_duration_seconds");
            two.close();
            Eventually.until("the closed connection is no longer counted", Duration.ofSeconds(5),
                    () -> server.gateway.activeConnections() == 1);
        }
    }

    @Test
    void closesEveryConnectionWithGoingAwayOnShutdown() {
        GatewayFixture server = GatewayFixture.start();
        WsClient v1 = server.joinV1(user, session, "phone");
        WsClient anonymous = server.connect();
        server.gateway.shutdown();
        assertThat(v1.awaitClose().code()).isEqualTo(1001);
        assertThat(anonymous.awaitClose().code()).isEqualTo(1001);
        assertThat(server.gateway.activeConnections()).isZero();
        server.close();
    }
}
