package io.syncbridge.adapter.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.domain.error.SyncError;
import org.junit.jupiter.api.Test;

class ErrorStatusTest {

    @Test
    void aCallersRateLimitIs429AndAServerAtCapacityIs503WithTheSameWireCode() {
        SyncError limited = new SyncError.RateLimited(3);
        SyncError overloaded = SyncError.RateLimited.overloaded("redis", 1);

        assertThat(ErrorStatus.httpStatus(limited)).isEqualTo(429);
        assertThat(ErrorStatus.httpStatus(overloaded)).isEqualTo(503);
        assertThat(ErrorStatus.code(overloaded)).isEqualTo("RATE_LIMITED");
    }
}
