package io.syncbridge.loadgen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One selector thread of the {@link NioWebSocketClient}: connects, reads and flushes its share of the sockets. */
final class SelectorLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SelectorLoop.class);

    private final Selector selector;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean running = true;

    SelectorLoop(String name) {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    Selector selector() {
        return selector;
    }

    /** Runs {@code task} on this loop's thread. */
    void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    /** Makes a selection in progress return, so that an interest set change takes effect now. */
    void wakeup() {
        if (Thread.currentThread() != thread) {
            selector.wakeup();
        }
    }

    private void run() {
        try {
            while (running) {
                selector.select();
                for (Runnable task; (task = tasks.poll()) != null; ) {
                    task.run();
                }
                Iterator<SelectionKey> selected = selector.selectedKeys().iterator();
                while (selected.hasNext()) {
                    SelectionKey key = selected.next();
                    selected.remove();
                    ((NioConnection) key.attachment()).ready(key);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("the NIO selector loop stopped", e);
        } finally {
            for (SelectionKey key : selector.keys()) {
                ((NioConnection) key.attachment()).abort();
            }
            try {
                selector.close();
            } catch (IOException e) {
                LOG.debug("closing the selector", e);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
