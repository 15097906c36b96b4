package io.syncbridge.adapter.rabbit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30));

    @Test
    void waitsNothingBeforeTheFirstFailure() {
        assertThat(backoff.after(0)).isEqualTo(Duration.ZERO);
    }

    @Test
    void doublesFromTheMinimumWithEveryFailure() {
        assertThat(backoff.after(1)).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.after(2)).isEqualTo(Duration.ofMillis(400));
        assertThat(backoff.after(3)).isEqualTo(Duration.ofMillis(800));
        assertThat(backoff.after(8)).isEqualTo(Duration.ofMillis(25_600));
    }

    @Test
    void neverWaitsLongerThanTheMaximum() {
        assertThat(backoff.after(9)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.after(64)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.after(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(30));
    }
}
