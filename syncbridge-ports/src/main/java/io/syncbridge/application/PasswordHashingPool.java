package io.syncbridge.application;

import io.syncbridge.domain.error.SyncError;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
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

    private final ThreadPoolExecutor executor;

    PasswordHashingPool(int threads, int queue) {
        AtomicInteger count = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                queue == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queue),
                task -> Thread.ofPlatform().daemon().name("password-hashing-" + count.incrementAndGet()).unstarted(task),
                new ThreadPoolExecutor.AbortPolicy());
        executor.allowCoreThreadTimeOut(true);
    }

    /** Runs {@code work} on the pool and waits for it; RateLimited when the pool is saturated. */
    <T> T run(Supplier<T> work) {
        Future<T> result;
        try {
            result = executor.submit(work::get);
        } catch (RejectedExecutionException saturated) {
            throw new SyncError.RateLimited(RETRY_AFTER_SECONDS);
        }
        try {
            return result.get();
        } catch (InterruptedException e) {
            result.cancel(true);
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
