package io.syncbridge.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SerialDeliveryTest {

    private final SerialDelivery delivery = new SerialDelivery();
    private final List<String> ran = new ArrayList<>();

    @Test
    void taskQueuedByARunningTaskRunsAfterIt() {
        delivery.submit(() -> {
            ran.add("outer start");
            delivery.submit(() -> ran.add("inner"));
            ran.add("outer end");
        });

        assertThat(ran).containsExactly("outer start", "outer end", "inner");
    }

    @Test
    void enqueuedTasksWaitForDrain() {
        delivery.enqueue(() -> ran.add("first"));
        delivery.enqueue(() -> ran.add("second"));
        assertThat(ran).isEmpty();

        delivery.drain();

        assertThat(ran).containsExactly("first", "second");
    }

    @Test
    void taskThatThrowsGivesUpTheTurn() {
        delivery.enqueue(() -> {
            throw new IllegalStateException("task failed on purpose");
        });
        delivery.enqueue(() -> ran.add("after the failure"));

        assertThatThrownBy(delivery::drain).isInstanceOf(IllegalStateException.class);
        delivery.drain();

        assertThat(ran).containsExactly("after the failure");
    }
}
