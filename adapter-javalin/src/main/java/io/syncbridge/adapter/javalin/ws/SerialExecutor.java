package io.syncbridge.adapter.javalin.ws;

import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time in submission order, on a virtual thread that exists only while there
 * is work, or on the caller's own thread when the executor is idle and the caller may wait
 * ({@link #runNowOrQueue}, {@link #runNowAndDrain}), which saves starting a thread: a connection's
 * messages (and a session's events) are handled strictly in order, may block on the core, and
 * never hold a selector thread.
 */
final class SerialExecutor implements Executor {

    private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);

    private final String name;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    SerialExecutor(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(Objects.requireNonNull(task, "task"));
        schedule();
    }

    /**
     * Runs the task on the calling thread if nothing of this executor's is running or queued, else
     * queues it as {@link #execute} does; either way it runs after every task queued before it and
     * never alongside another. The caller waits for the task: for a short one that does not block
     * (a delivery), whose caller has other executors' work to get on with.
     */
    void runNowOrQueue(Runnable task) {
        runOnCaller(task, false);
    }

    /**
     * As {@link #runNowOrQueue}, and then also runs, on the calling thread, whatever was queued
     * meanwhile, until nothing is: for a caller that may wait for all of this executor's work, and
     * block with it (a socket's own virtual thread, whose next frame waits anyway).
     */
    void runNowAndDrain(Runnable task) {
        runOnCaller(task, true);
    }

    private void runOnCaller(Runnable task, boolean drainHere) {
        Objects.requireNonNull(task, "task");
        if (!tasks.isEmpty() || !scheduled.compareAndSet(false, true)) {
            execute(task);
            return;
        }
        // This thread now owns the executor; a task queued just before the claim still goes first.
        try {
            if (tasks.isEmpty()) {
                runLogged(task);
            } else {
                tasks.add(task);
            }
        } finally {
            if (drainHere) {
                drain();
            } else {
                release();
            }
        }
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            Thread.ofVirtual().name(name).start(this::drain);
        }
    }

    private void drain() {
        try {
            Runnable task;
            while ((task = tasks.poll()) != null) {
                runLogged(task);
            }
        } finally {
            release();
        }
    }

    /** Gives up the executor, handing what was queued meanwhile to a fresh thread. */
    private void release() {
        scheduled.set(false);
        if (!tasks.isEmpty()) {
            schedule();
        }
    }

    private void runLogged(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            LOG.error("Task of {} failed", name, e);
        }
    }
}
