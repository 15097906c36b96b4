package io.syncbridge.adapter.javalin.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SerialExecutorTest {

    private final SerialExecutor executor = new SerialExecutor("test");

    @Test
    void anIdleExecutorRunsTheTaskOnTheCallersThread() {
        AtomicReference<Thread> ranOn = new AtomicReference<>();

        executor.runNowOrQueue(() -> ranOn.set(Thread.currentThread()));

        assertThat(ranOn.get()).isSameAs(Thread.currentThread());
    }

    @Test
    void aBusyExecutorQueuesTheTaskBehindTheOneRunning() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(2);
        List<String> order = new CopyOnWriteArrayList<>();
        AtomicReference<Thread> secondRanOn = new AtomicReference<>();
        executor.execute(() -> {
            running.countDown();
            await(release);
            order.add("first");
            done.countDown();
        });
        running.await();

        executor.runNowOrQueue(() -> {
            secondRanOn.set(Thread.currentThread());
            order.add("second");
            done.countDown();
        });
        assertThat(order).isEmpty(); // the caller did not wait for it, and it did not overtake
        release.countDown();

        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(order).containsExactly("first", "second");
        assertThat(secondRanOn.get()).isNotSameAs(Thread.currentThread());
    }

    @Test
    void aTaskQueuedByTheTaskRunningOnTheCallerRunsAfterItOnTheWorker() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        List<String> order = new CopyOnWriteArrayList<>();
        AtomicReference<Thread> queuedRanOn = new AtomicReference<>();

        executor.runNowOrQueue(() -> {
            executor.runNowOrQueue(() -> {
                queuedRanOn.set(Thread.currentThread());
                order.add("queued");
                done.countDown();
            });
            order.add("outer");
        });

        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(order).containsExactly("outer", "queued");
        assertThat(queuedRanOn.get()).isNotSameAs(Thread.currentThread());
    }

    @Test
    void drainingOnTheCallerAlsoRunsWhatWasQueuedMeanwhile() {
        List<String> order = new CopyOnWriteArrayList<>();
        AtomicInteger offCaller = new AtomicInteger();
        Thread caller = Thread.currentThread();

        executor.runNowAndDrain(() -> {
            executor.execute(() -> {
                order.add("queued");
                if (Thread.currentThread() != caller) {
                    offCaller.incrementAndGet();
                }
            });
            order.add("outer");
        });

        assertThat(order).containsExactly("outer", "queued");
        assertThat(offCaller).hasValue(0);
    }

    @Test
    void aFailingTaskOnTheCallerIsLoggedAndTheExecutorGoesOn() {
        List<String> order = new CopyOnWriteArrayList<>();

        executor.runNowOrQueue(() -> {
            throw new IllegalStateException("boom");
        });
        executor.runNowOrQueue(() -> order.add("after"));

        assertThat(order).containsExactly("after");
    }

    @Test
    void tasksFromManyThreadsNeverRunTogether() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger ran = new AtomicInteger();
        int threads = 4;
        int perThread = 2_000;
        CountDownLatch finished = new CountDownLatch(threads * perThread);
        Runnable task = () -> {
            if (inside.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            ran.incrementAndGet();
            inside.decrementAndGet();
            finished.countDown();
        };
        List<Thread> callers = new CopyOnWriteArrayList<>();
        for (int t = 0; t < threads; t++) {
            boolean drain = t % 2 == 0;
            callers.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < perThread; i++) {
                    if (drain) {
                        executor.runNowAndDrain(task);
                    } else {
                        executor.runNowOrQueue(task);
                    }
                }
            }));
        }
        for (Thread thread : callers) {
            thread.join();
        }

        assertThat(finished.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ran).hasValue(threads * perThread);
        assertThat(overlaps).hasValue(0);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
