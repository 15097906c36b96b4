package io.syncbridge.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlNamesTest {

    @Test
    void findsTheSeriesOfAHistogramQuantile() {
        assertThat(PromQlNames.of("histogram_quantile(0.95, sum by (job, le) "
                + "(rate(state_sync_duration_seconds_bucket{job=\"syncbridge\"}[5m]))) > 0.1"))
                .containsExactly("state_sync_duration_seconds_bucket");
    }

    @Test
    void findsBothSidesOfARatioAndBareSeries() {
        assertThat(PromQlNames.of("redis_memory_used_bytes{job=\"syncbridge\"}\n  / (redis_memory_max_bytes > 0) > 0.8"))
                .containsExactly("redis_memory_used_bytes", "redis_memory_max_bytes");
        assertThat(PromQlNames.of("sessions_active_total > 5000")).containsExactly("sessions_active_total");
    }

    @Test
    void ignoresLabelsStringsFunctionsKeywordsAndNumbers() {
        assertThat(PromQlNames.of("absent(up{job=~\"$job\"}) or sum without (instance) "
                + "(rate(http_requests_total{status=~\"5..\"}[$__rate_interval])) * 1e3 unless on (job) vector(1)"))
                .containsExactly("up", "http_requests_total");
    }
}
