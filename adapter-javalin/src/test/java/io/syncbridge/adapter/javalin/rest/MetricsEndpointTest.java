package io.syncbridge.adapter.javalin.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.adapter.javalin.GatewayFixture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MetricsEndpointTest {

    @RegisterExtension
    static final GatewayFixture gateway = new GatewayFixture();

    @Test
    void exposesTheRunbookMetricsInPrometheusText() {
        String token = gateway.newUserToken();
        String id = gateway.newSession(token);
        gateway.call("PATCH", "/v1/sessions/" + id + "/state/delta", token, Map.of("baseVersion", 0,
                "operations", List.of(Map.of("op", "add", "path", "/a", "value", 1))));
        gateway.call("PUT", "/v1/sessions/" + id + "/state", token, Map.of("data", Map.of("b", 2)));
        gateway.get("/v1/sessions/" + id, token);

        GatewayFixture.Reply reply = gateway.get("/metrics", null);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith("text/plain");
        assertThat(reply.text())
                .contains("http_requests_total{method=\"GET\",route=\"/v1/sessions/{id}\",status=\"200\"}")
                .contains("http_request_duration_seconds_bucket{")
                .contains("state_delta_duration_seconds_bucket{outcome=\"applied\",le=\"0.001\"}")
                .contains("state_sync_duration_seconds_bucket{le=\"1.0\"}")
                .contains("# TYPE sessions_active_total gauge")
                .contains("# TYPE websocket_connections_total gauge")
                .contains("cross_device_handoffs_total")
                .contains("handoff_latency_seconds_bucket")
                .contains("offline_sync_success_rate")
                .contains("state_conflicts_total")
                .contains("jvm_memory_used_bytes")
                .contains("jvm_gc_")
                .contains("jvm_threads_live_threads")
                .contains("process_uptime_seconds")
                .doesNotContain(id);
        assertThat(line(reply.text(), "syncbridge_sessions_unexpired ")).isEqualTo("syncbridge_sessions_unexpired 1.0");
        assertThat(line(reply.text(), "sessions_active_total ")).isEqualTo("sessions_active_total 0.0");
    }

    private static String line(String text, String prefix) {
        return text.lines().filter(l -> l.startsWith(prefix)).findFirst().orElse("");
    }
}
