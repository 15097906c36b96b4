package io.syncbridge.application;

import java.lang.System.Logger.Level;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Writes to the secondary stores (device registry, handoff audit) that a use case must neither
 * wait for nor fail on: they run one after another, in the order given, on a thread of their own,
 * so a join or a handoff never waits on a slow or unreachable database. A write that fails is
 * logged and dropped; with {@link #CAPACITY} writes waiting, new ones are dropped (and logged)
 * until the store catches up: the live session is unaffected either way.
 */
final class SecondaryWrites {

    static final int CAPACITY = 10_000;
    private static final System.Logger LOG = System.getLogger(SecondaryWrites.class.getName());

    private record Write(String what, Runnable work) {
    }

    private final BlockingQueue<Write> pending = new LinkedBlockingQueue<>(CAPACITY);

    SecondaryWrites() {
        Thread.ofVirtual().name("secondary-writes").start(this::drain);
    }

    void submit(String what, Runnable work) {
        if (!pending.offer(new Write(what, work))) {
            LOG.log(Level.WARNING, what + " dropped: " + CAPACITY + " secondary writes are waiting for their store");
        }
    }

    private void drain() {
        while (true) {
            Write write;
            try {
                write = pending.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                write.work().run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, write.what() + " failed; the live session is unaffected", e);
            }
        }
    }
}
