package io.syncbridge.adapter.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.domain.change.ChangeOutcome;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServerMetricsTest {

    private final ServerMetrics metrics = new ServerMetrics();

    @AfterEach
    void close() {
        metrics.close();
    }

    @Test
    void exportsTheRunbookNamesExactly() {
        metrics.bindActiveSessions(() -> 3);
        metrics.bindWebSocketConnections(() -> 7);
        metrics.observer().changeApplied(ChangeOutcome.APPLIED, Duration.ofMillis(3));
        metrics.observer().stateSynced(Duration.ofMillis(20));
        metrics.observer().handoffCompleted(Duration.ofMillis(30));
        metrics.observer().conflictDetected();

        String text = metrics.scrape();

        assertThat(text).contains("# TYPE sessions_active_total gauge\nsessions_active_total 3.0\n")
                .contains("# TYPE websocket_connections_total gauge\nwebsocket_connections_total 7.0\n")
                .contains("cross_device_handoffs_total 1.0")
                .contains("state_conflicts_total 1.0")
                .contains("handoff_latency_seconds_count 1")
                .contains("state_sync_duration_seconds_bucket{le=\"0.025\"} 1")
                .contains("state_delta_duration_seconds_bucket{outcome=\"applied\",le=\"0.001\"} 0")
                .contains("state_delta_duration_seconds_bucket{outcome=\"applied\",le=\"0.005\"} 1")
                .contains("state_delta_duration_seconds_bucket{outcome=\"applied\",le=\"1.0\"} 1");
    }

    @Test
    void offlineSuccessRateIsTheAcceptedShareOfTheLastFifteenMinutes() {
        MovableClock clock = new MovableClock();
        try (ServerMetrics windowed = new ServerMetrics(clock)) {
            assertThat(windowed.scrape()).contains("offline_sync_success_rate 1.0");

            windowed.observer().offlineBatch(4, 0);
            clock.advance(Duration.ofMinutes(10));
            windowed.observer().offlineBatch(4, 4);
            assertThat(windowed.scrape()).contains("offline_sync_success_rate 0.5")
                    .contains("offline_sync_changes_total 8.0").contains("offline_sync_accepted_total 4.0");

            clock.advance(Duration.ofMinutes(6));
            assertThat(windowed.scrape()).as("the failed batch left the window")
                    .contains("offline_sync_success_rate 1.0");

            clock.advance(Duration.ofMinutes(15));
            assertThat(windowed.scrape()).contains("offline_sync_success_rate 1.0");
        }
    }

    @Test
    void dependencyGaugesFollowTheirChecks() {
        AtomicInteger up = new AtomicInteger(1);
        metrics.bindDependency("database", () -> up.get() == 1);

        assertThat(metrics.scrape()).contains("syncbridge_dependency_up{dependency=\"database\"} 1.0");
        up.set(0);
        assertThat(metrics.scrape()).contains("syncbridge_dependency_up{dependency=\"database\"} 0.0");
    }

    /** A clock tests move by hand. */
    static final class MovableClock extends java.time.Clock {
        private java.time.Instant now = java.time.Instant.parse("2026-01-01T00:00:30Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return now;
        }
    }

    @Test
    void httpRequestsAreCountedByRouteTemplate() {
        metrics.recordHttpRequest("GET", "/v1/sessions/{id}", 200, 2_000_000);
        metrics.recordHttpRequest("GET", "/v1/sessions/{id}", 200, 4_000_000);
        metrics.recordHttpRequest("GET", "/v1/sessions/{id}", 404, 1_000_000);

        String text = metrics.scrape();

        assertThat(text).contains("http_requests_total{method=\"GET\",route=\"/v1/sessions/{id}\",status=\"200\"} 2.0")
                .contains("http_requests_total{method=\"GET\",route=\"/v1/sessions/{id}\",status=\"404\"} 1.0")
                .contains("http_request_duration_seconds_bucket{method=\"GET\",route=\"/v1/sessions/{id}\","
                        + "status=\"200\",le=\"0.005\"} 2");
    }

    @Test
    void unexpiredSessionCountIsCachedBetweenScrapes() {
        AtomicInteger queries = new AtomicInteger();
        metrics.bindUnexpiredSessions(queries::incrementAndGet, Duration.ofMinutes(1));

        metrics.scrape();
        metrics.scrape();

        assertThat(queries.get()).isEqualTo(1);
    }

    @Test
    void aFailingCountKeepsTheScrapeWorking() {
        metrics.bindUnexpiredSessions(() -> {
            throw new IllegalStateException("store down");
        }, Duration.ZERO.plusMillis(1));

        assertThat(metrics.scrape()).contains("syncbridge_sessions_unexpired 0.0").contains("jvm_memory_used_bytes");
    }

    @Test
    void periodicGaugeShowsTheLastValueTakenInTheBackground() throws InterruptedException {
        AtomicInteger takes = new AtomicInteger();
        metrics.periodicGauge("user_session_retention_rate", "Retained share", Duration.ofMinutes(1), () -> {
            takes.incrementAndGet();
            return 0.25;
        });

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!metrics.scrape().contains("user_session_retention_rate 0.25") && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }

        assertThat(metrics.scrape()).contains("# TYPE user_session_retention_rate gauge\nuser_session_retention_rate 0.25\n");
        assertThat(takes.get()).isEqualTo(1);
    }

    @Test
    void dependencyGaugeStillReadsAfterAGarbageCollection() {
        metrics.bindDependency("cache", () -> true);

        System.gc();

        assertThat(metrics.scrape()).contains("syncbridge_dependency_up{dependency=\"cache\"} 1.0");
    }
}
