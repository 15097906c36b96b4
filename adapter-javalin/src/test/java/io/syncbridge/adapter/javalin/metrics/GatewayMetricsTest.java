package io.syncbridge.adapter.javalin.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.domain.change.ChangeOutcome;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GatewayMetricsTest {

    @Test
    void printsScrape() {
        GatewayMetrics metrics = new GatewayMetrics();
        metrics.bindActiveSessions(() -> 3, Duration.ofSeconds(5));
        metrics.recordHttpRequest("GET", "/v1/sessions/{id}", 200, 1_000_000);
        metrics.observer().changeApplied(ChangeOutcome.APPLIED, Duration.ofMillis(3));
        metrics.observer().handoffCompleted(Duration.ofMillis(30));
        metrics.observer().offlineBatch(4, 3);
        System.out.println(metrics.scrape());
        assertThat(metrics.scrape()).isNotEmpty();
    }
}
