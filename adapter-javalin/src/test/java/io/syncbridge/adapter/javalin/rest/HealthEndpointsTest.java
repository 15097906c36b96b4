package io.syncbridge.adapter.javalin.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.adapter.javalin.GatewayFixture;
import io.syncbridge.adapter.javalin.GatewaySettings;
import io.syncbridge.port.out.DependencyCheck;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class HealthEndpointsTest {

    private static final GatewaySettings SETTINGS = GatewayFixture.settings(600, List.of(), 524_288);

    @Test
    void healthyWhenEveryDependencyAnswers() {
        try (GatewayFixture gateway = new GatewayFixture(SETTINGS, inMemory())) {
            for (String path : List.of("/health", "/health/live", "/health/ready", "/v1/health",
                    "/v1/health/live", "/v1/health/ready")) {
                GatewayFixture.Reply reply = gateway.get(path, null);

                assertThat(reply.status()).as(path).isEqualTo(200);
                assertThat(reply.json().get("status").asText()).isEqualTo("healthy");
                assertThat(reply.json().get("healthy").asBoolean()).isTrue();
                assertThat(reply.json().get("version").asText()).isEqualTo("test-version");
                assertThat(reply.json().get("uptime").asLong()).isGreaterThanOrEqualTo(0);
                assertThat(reply.json().get("timestamp").asText()).endsWith("Z");
                assertThat(reply.json().get("active_connections").asLong()).isZero();
                assertThat(reply.json().get("services").get("cache").asText()).isEqualTo("connected");
                assertThat(reply.json().get("services").get("database").asText()).isEqualTo("connected");
                assertThat(reply.json().get("services").get("messageQueue").asText()).isEqualTo("connected");
            }
        }
    }

    @Test
    void notReadyWhileACriticalDependencyIsDown() {
        AtomicBoolean databaseUp = new AtomicBoolean(false);
        List<DependencyCheck> checks = List.of(DependencyCheck.inMemory("cache", true),
                DependencyCheck.of("database", "postgres", true, () -> {
                    if (!databaseUp.get()) {
                        throw new IOException("connection refused");
                    }
                }), DependencyCheck.inMemory("messageQueue", false));
        try (GatewayFixture gateway = new GatewayFixture(SETTINGS, checks)) {
            GatewayFixture.Reply ready = gateway.get("/health/ready", null);
            GatewayFixture.Reply live = gateway.get("/health/live", null);
            GatewayFixture.Reply health = gateway.get("/v1/health", null);

            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.json().get("status").asText()).isEqualTo("unhealthy");
            assertThat(ready.json().get("healthy").asBoolean()).isFalse();
            assertThat(ready.json().get("services").get("database").asText()).isEqualTo("disconnected");
            assertThat(ready.json().get("dependencies").get("database").get("error").asText())
                    .contains("connection refused");
            assertThat(live.status()).isEqualTo(200);
            assertThat(health.status()).isEqualTo(503);
            assertThat(gateway.get("/metrics", null).text())
                    .contains("syncbridge_dependency_up{dependency=\"database\"} 0.0")
                    .contains("syncbridge_dependency_up{dependency=\"cache\"} 1.0");
        }
    }

    @Test
    void degradedButReadyWhenOnlyANonCriticalDependencyIsDown() {
        List<DependencyCheck> checks = List.of(DependencyCheck.inMemory("cache", true),
                DependencyCheck.inMemory("database", true),
                DependencyCheck.of("messageQueue", "rabbitmq", false, () -> {
                    throw new IOException("broker unreachable");
                }));
        try (GatewayFixture gateway = new GatewayFixture(SETTINGS, checks)) {
            GatewayFixture.Reply health = gateway.get("/health", null);
            GatewayFixture.Reply ready = gateway.get("/health/ready", null);

            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().get("status").asText()).isEqualTo("degraded");
            assertThat(health.json().get("services").get("messageQueue").asText()).isEqualTo("disconnected");
            assertThat(ready.status()).isEqualTo(200);
        }
    }

    private static List<DependencyCheck> inMemory() {
        return List.of(DependencyCheck.inMemory("cache", true), DependencyCheck.inMemory("database", true),
                DependencyCheck.inMemory("messageQueue", false));
    }
}
