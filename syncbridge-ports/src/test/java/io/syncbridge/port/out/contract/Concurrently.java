package io.syncbridge.port.out.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs a task on several threads released together by a start gate, and collects the results. */
public final class Concurrently {

    /** Long enough for any round trip to a local service, short enough to end a hung test. */
    public static final long TIMEOUT_SECONDS = 30;

    private Concurrently() {
    }

    /**
     * Starts {@code threads} threads, lets them all call {@code task} at once and returns each
     * result in thread order. A task that throws fails the call with that exception.
     */
    public static <T> List<T> run(int threads, IndexedTask<T> task) {
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch gate = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>(threads);
            for (int i = 0; i < threads; i++) {
                int index = i;
                futures.add(executor.submit(() -> {
                    ready.countDown();
                    gate.await();
                    return task.call(index);
                }));
            }
            if (!ready.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("threads did not start within " + TIMEOUT_SECONDS + " s");
            }
            gate.countDown();
            List<T> results = new ArrayList<>(threads);
            for (Future<T> future : futures) {
                results.add(future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while racing", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new AssertionError("a racing task failed", e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("racing tasks did not finish within " + TIMEOUT_SECONDS + " s", e);
        } finally {
            executor.shutdownNow();
        }
    }

    /** Same as {@link #run(int, IndexedTask)} for a task that does not need its thread's index. */
    public static <T> List<T> run(int threads, Callable<T> task) {
        return run(threads, index -> task.call());
    }

    /** A task told which of the racing threads runs it (0 to threads - 1). */
    @FunctionalInterface
    public interface IndexedTask<T> {
        T call(int index) throws Exception;
    }
}
