package io.syncbridge.application;

import io.syncbridge.domain.error.SyncError;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The few platform threads that password hashing runs on. Hashing is CPU work on purpose; on the
 * request's own (virtual) thread it would hold the carrier threads every other request needs. A
 * check that finds every thread busy and the queue full is refused at once ({@code RateLimited},
 * retry in a second) instead of waiting.
 */
final class PasswordHashingPool {

    /** The Retry-After of a refused check: one hash takes well under a second. */
    static final long RETRY_AFTER_SECONDS = 1;

    private final ExecutorService executor;
    /** One permit per thread and per place in the queue: taken before a check is handed over. */
    private final Semaphore places;

    PasswordHashingPool(int threads, int queue) {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                task -> Thread.ofPlatform().daemon().name("password-hashing-" + count.incrementAndGet()).unstarted(task));
        // Idle threads go, so that a core that is not signing anyone in holds none.
        pool.allowCoreThreadTimeOut(true);
        this.executor = pool;
        this.places = new Semaphore(threads + queue);
    }

    /** Runs {@code work} on the pool and waits for it; RateLimited when the pool is saturated. */
    <T> T run(Supplier<T> work) {
        if (!places.tryAcquire()) {
            throw new SyncError.RateLimited(RETRY_AFTER_SECONDS);
        }
        Future<T> result;
        try {
            result = executor.submit(() -> {
                try {
                    return work.get();
                } finally {
                    places.release();
                }
            });
        } catch (RejectedExecutionException e) {
            places.release();
            throw e;
        }
        try {
            return result.get();
        } catch (InterruptedException e) {
            // Not cancelled: a check that has not started yet would never give its place back.
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking a password", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("password hashing failed", e.getCause());
        }
    }
}
