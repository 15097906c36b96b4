package io.syncbridge.adapter.redis;

import io.syncbridge.adapter.redis.RedisConfig.Endpoint;
import io.syncbridge.domain.error.SyncError;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sharded pub/sub plumbing: one {@link SubscriberLink} (dedicated connection and reader thread)
 * per Redis node that serves a channel we listen to, channels added and removed on it as they are
 * wanted. Channels whose link is lost (outage, failover, slot moved) wait on a retry list until
 * they are subscribed again.
 */
final class ShardedSubscriber implements SubscriberLink.Owner, AutoCloseable {

    /** Receives every message of a subscribed channel, on the node's reader thread, in order. */
    interface Sink {
        void message(String channel, String payload);
    }

    private static final Logger LOG = LoggerFactory.getLogger(ShardedSubscriber.class);
    private static final Duration FIRST_RETRY_DELAY = Duration.ofMillis(50);
    private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(2);

    private final RedisConnection redis;
    private final Sink sink;
    private final Duration confirmTimeout;
    private final ReentrantLock lock = new ReentrantLock();
    /** Everything below is guarded by the lock. */
    private final Set<String> wanted = new HashSet<>();
    private final Map<Endpoint, SubscriberLink> links = new HashMap<>();
    private final Map<String, SubscriberLink> linkOfChannel = new HashMap<>();
    private final Set<String> orphans = new LinkedHashSet<>();
    private final ScheduledExecutorService retries;
    private Duration retryDelay = FIRST_RETRY_DELAY;
    private boolean retryScheduled;
    private boolean closed;

    ShardedSubscriber(RedisConnection redis, Sink sink) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.confirmTimeout = redis.config().connectTimeout().plus(redis.config().commandTimeout());
        this.retries = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("syncbridge-redis-resubscribe").factory());
    }

    /** Subscribes and waits until Redis confirms, so that no message published afterwards is missed. */
    void subscribe(String channel) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the change feed is closed");
            }
            wanted.add(channel);
        } finally {
            lock.unlock();
        }
        try {
            attach(channel, false).get(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            unsubscribe(channel);
            throw new SyncError.DependencyDown(RedisConnection.DEPENDENCY, "interrupted while subscribing", e);
        } catch (ExecutionException | TimeoutException e) {
            unsubscribe(channel);
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new SyncError.DependencyDown(RedisConnection.DEPENDENCY,
                    "SSUBSCRIBE " + channel + " not confirmed: " + cause, cause);
        } catch (RuntimeException e) {
            unsubscribe(channel);
            throw e;
        }
    }

    void unsubscribe(String channel) {
        lock.lock();
        try {
            wanted.remove(channel);
            orphans.remove(channel);
            SubscriberLink link = linkOfChannel.remove(channel);
            if (link != null) {
                link.drop(channel);
            }
        } finally {
            lock.unlock();
        }
    }

    /** How many channels are subscribed or waiting to be (for tests and diagnostics). */
    int channelCount() {
        lock.lock();
        try {
            return wanted.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            wanted.clear();
            orphans.clear();
            linkOfChannel.clear();
            links.values().forEach(SubscriberLink::shutDown);
            links.clear();
        } finally {
            lock.unlock();
        }
        retries.shutdownNow();
    }

    @Override
    public ReentrantLock lock() {
        return lock;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void delivered(String channel, String message) {
        sink.message(channel, message);
    }

    @Override
    public void retired(SubscriberLink link) {
        links.remove(link.node(), link);
    }

    @Override
    public void lost(SubscriberLink link, Set<String> channels) {
        for (String channel : channels) {
            if (linkOfChannel.remove(channel, link) && wanted.contains(channel)) {
                orphans.add(channel);
            }
        }
        scheduleRetry();
    }

    /**
     * Puts a wanted channel on the link of its node, opening the link if needed. A retry attaches
     * only a channel that is still an orphan (its listeners may have gone meanwhile).
     */
    private CompletableFuture<Void> attach(String channel, boolean retry) {
        Endpoint node = redis.nodeFor(channel);
        lock.lock();
        try {
            if (closed || !wanted.contains(channel) || (retry && !orphans.contains(channel))) {
                return CompletableFuture.failedFuture(new IllegalStateException("no longer wanted: " + channel));
            }
            SubscriberLink link = links.get(node);
            if (link == null) {
                link = new SubscriberLink(node, redis.openDedicated(node), this);
                links.put(node, link);
                link.start(channel);
            }
            orphans.remove(channel);
            linkOfChannel.put(channel, link);
            return link.want(channel);
        } finally {
            lock.unlock();
        }
    }

    private void scheduleRetry() {
        if (orphans.isEmpty() || retryScheduled || closed) {
            return;
        }
        retryScheduled = true;
        retries.schedule(this::retryOrphans, retryDelay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void retryOrphans() {
        List<String> waiting;
        lock.lock();
        try {
            retryScheduled = false;
            waiting = List.copyOf(orphans);
        } finally {
            lock.unlock();
        }
        boolean failed = false;
        for (String channel : waiting) {
            try {
                attach(channel, true);
            } catch (SyncError.DependencyDown e) {
                LOG.debug("re-subscribing {} failed: {}", channel, e.getMessage());
                failed = true;
            }
        }
        if (failed) {
            redis.refreshTopology();
        }
        lock.lock();
        try {
            retryDelay = failed ? min(retryDelay.multipliedBy(2), MAX_RETRY_DELAY) : FIRST_RETRY_DELAY;
            scheduleRetry();
        } finally {
            lock.unlock();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
