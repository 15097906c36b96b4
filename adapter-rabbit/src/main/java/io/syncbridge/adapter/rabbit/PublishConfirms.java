package io.syncbridge.adapter.rabbit;

import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.ShutdownListener;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.time.Duration;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The publisher confirms of one publishing channel: which delivery tags the broker has not
 * confirmed yet. Unlike {@code waitForConfirms}, which waits for everything outstanding, it lets
 * the relay wait for its oldest batch while later batches are still on their way.
 */
final class PublishConfirms implements ConfirmListener, ShutdownListener {

    private final Object lock = new Object();
    private final NavigableSet<Long> outstanding = new TreeSet<>();
    private boolean refused;
    private ShutdownSignalException closedBy;

    /** Notes a delivery tag before its message is published, so that a quick confirm cannot be missed. */
    void expect(long deliveryTag) {
        synchronized (lock) {
            outstanding.add(deliveryTag);
        }
    }

    /** Whether every message up to {@code deliveryTag} is confirmed (and none was refused). */
    boolean confirmedThrough(long deliveryTag) {
        synchronized (lock) {
            return !refused && noneOutstandingThrough(deliveryTag);
        }
    }

    /**
     * Waits until every message up to {@code deliveryTag} is confirmed. Throws when the broker
     * refused one (nack: it could not take it), the channel closed, or the time ran out.
     */
    void awaitThrough(long deliveryTag, Duration timeout) throws IOException, TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (true) {
                if (refused) {
                    throw new IOException("the broker refused (nack) a published event");
                }
                if (noneOutstandingThrough(deliveryTag)) {
                    return;
                }
                if (closedBy != null) {
                    throw new IOException("the publishing channel closed before its confirms arrived", closedBy);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException("no confirm from the broker within " + timeout.toMillis() + " ms");
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
        }
    }

    @Override
    public void handleAck(long deliveryTag, boolean multiple) {
        synchronized (lock) {
            if (multiple) {
                outstanding.headSet(deliveryTag, true).clear();
            } else {
                outstanding.remove(deliveryTag);
            }
            lock.notifyAll();
        }
    }

    @Override
    public void handleNack(long deliveryTag, boolean multiple) {
        synchronized (lock) {
            refused = true;
            lock.notifyAll();
        }
    }

    @Override
    public void shutdownCompleted(ShutdownSignalException cause) {
        synchronized (lock) {
            closedBy = cause;
            lock.notifyAll();
        }
    }

    private boolean noneOutstandingThrough(long deliveryTag) {
        return outstanding.isEmpty() || outstanding.first() > deliveryTag;
    }
}
