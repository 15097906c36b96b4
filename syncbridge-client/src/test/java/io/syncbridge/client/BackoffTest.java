package io.syncbridge.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));

    @Test
    void theCeilingDoublesPerAttemptUpToTheMaximum() {
        assertThat(backoff.ceiling(0)).isEqualTo(Duration.ofMillis(100));
        assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.ceiling(5)).isEqualTo(Duration.ofMillis(3_200));
        assertThat(backoff.ceiling(6)).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.ceiling(500)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void delaysAreSpreadOverTheWholeRangeFromZeroToTheCeiling() {
        Random random = new Random(14);
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 2_000; i++) {
            long delay = backoff.delay(3, random).toMillis();
            assertThat(delay).isBetween(0L, 800L);
            min = Math.min(min, delay);
            max = Math.max(max, delay);
        }
        assertThat(min).isLessThan(50);
        assertThat(max).isGreaterThan(750);
    }
}
