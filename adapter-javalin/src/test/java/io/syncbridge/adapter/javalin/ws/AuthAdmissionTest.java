package io.syncbridge.adapter.javalin.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AuthAdmissionTest {

    @Test
    void anAuthenticationBeyondTheBoundIsRefusedOnceItsWaitIsOver() {
        AuthAdmission admission = new AuthAdmission(2, Duration.ofMillis(20));

        assertThat(admission.enter()).isTrue();
        assertThat(admission.enter()).isTrue();
        assertThat(admission.enter()).isFalse();

        admission.leave();
        assertThat(admission.enter()).isTrue();
    }

    @Test
    void aWaitingAuthenticationTakesTheTurnGivenBackWhileItWaits() throws Exception {
        AuthAdmission admission = new AuthAdmission(1, Duration.ofSeconds(30));
        assertThat(admission.enter()).isTrue();
        CountDownLatch waiting = new CountDownLatch(1);

        CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> {
            waiting.countDown();
            return admission.enter();
        });
        waiting.await();
        admission.leave();

        assertThat(second.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void anInterruptedWaitIsARefusalThatKeepsTheInterrupt() {
        AuthAdmission admission = new AuthAdmission(1, Duration.ofSeconds(30));
        assertThat(admission.enter()).isTrue();

        Thread.currentThread().interrupt();
        try {
            assertThat(admission.enter()).isFalse();
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aBoundOfNoSlotsIsRejected() {
        assertThatThrownBy(() -> new AuthAdmission(0, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
