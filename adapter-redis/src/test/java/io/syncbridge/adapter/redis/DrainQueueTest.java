package io.syncbridge.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DrainQueueTest {

    @Test
    void onlyTheFirstOfferOnAnIdleQueueStartsADrain() {
        DrainQueue<String> queue = new DrainQueue<>();

        assertThat(queue.offerAndClaim("a")).isTrue();
        assertThat(queue.offerAndClaim("b")).isFalse();
        assertThat(queue.pollOrRelease()).isEqualTo("a");
        assertThat(queue.pollOrRelease()).isEqualTo("b");
        assertThat(queue.pollOrRelease()).isNull();
        assertThat(queue.offerAndClaim("c")).isTrue();
    }
}
