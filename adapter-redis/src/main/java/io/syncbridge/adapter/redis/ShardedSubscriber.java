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
import redis.clients.jedis.Connection;
import redis.clients.jedis.JedisShardedPubSub;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Sharded pub/sub plumbing: one dedicated connection and reader thread per Redis node that serves
 * a channel we listen to, channels added and removed on it as they are wanted. A lost connection
 * (outage, failover, slot moved) puts its channels back on a retry list until they are subscribed
 * again. Messages are handed to the sink on the node's reader thread, in the order Redis sent them.
 */
final class ShardedSubscriber implements AutoCloseable {

    /** Receives every message of a subscribed channel. */
    interface Sink {
        void message(String channel, String payload);
    }

    private static final Logger LOG = LoggerFactory.getLogger(ShardedSubscriber.class);
    private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(2);

    private final RedisConnection redis;
    private final Sink sink;
    private final Duration confirmTimeout;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Endpoint, Link> links = new HashMap<>();
    private final Map<String, Link> linkOfChannel = new HashMap<>();
    private final Set<String> orphans = new LinkedHashSet<>();
    private final ScheduledExecutorService retries;
    private Duration retryDelay = Duration.ofMillis(50);
    private boolean retryScheduled;
    private boolean closed;

    ShardedSubscriber(RedisConnection redis, Sink sink) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.confirmTimeout = redis.config().connectTimeout().plus(redis.config().commandTimeout());
        this.retries = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("syncbridge-redis-resubscribe").factory());
    }

    /** Subscribes and waits until Redis confirms, so no message published afterwards is missed. */
    void subscribe(String channel) {
        CompletableFuture<Void> confirmed = attach(channel);
        try {
            confirmed.get(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            unsubscribe(channel);
            throw new SyncError.DependencyDown(RedisConnection.DEPENDENCY, "interrupted while subscribing", e);
        } catch (ExecutionException | TimeoutException e) {
            unsubscribe(channel);
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new SyncError.DependencyDown(RedisConnection.DEPENDENCY,
                    "SSUBSCRIBE " + channel + " not confirmed: " + cause, cause);
        }
    }

    void unsubscribe(String channel) {
        lock.lock();
        try {
            orphans.remove(channel);
            Link link = linkOfChannel.remove(channel);
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
            return linkOfChannel.size() + orphans.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            orphans.clear();
            linkOfChannel.clear();
            links.values().forEach(Link::shutDown);
            links.clear();
        } finally {
            lock.unlock();
        }
        retries.shutdownNow();
    }

    private CompletableFuture<Void> attach(String channel) {
        Endpoint node = redis.nodeFor(channel);
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the change feed is closed");
            }
            orphans.remove(channel);
            Link link = links.get(node);
            if (link == null) {
                link = new Link(node, redis.openDedicated(node));
                links.put(node, link);
                link.start(channel);
            }
            linkOfChannel.put(channel, link);
            return link.want(channel);
        } finally {
            lock.unlock();
        }
    }

    /** Called with the lock held: the channels wait on the retry list for a new connection. */
    private void orphan(Link link, Set<String> channels) {
        for (String channel : channels) {
            if (linkOfChannel.remove(channel, link)) {
                orphans.add(channel);
            }
        }
        scheduleRetry();
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
                lock.lock();
                try {
                    if (!orphans.contains(channel)) {
                        continue;
                    }
                } finally {
                    lock.unlock();
                }
                attach(channel);
            } catch (SyncError.DependencyDown | IllegalStateException e) {
                LOG.debug("re-subscribing {} failed: {}", channel, e.getMessage());
                lock.lock();
                try {
                    if (!closed && !linkOfChannel.containsKey(channel)) {
                        orphans.add(channel);
                    }
                } finally {
                    lock.unlock();
                }
                failed = true;
            }
        }
        if (failed) {
            redis.refreshTopology();
        }
        lock.lock();
        try {
            retryDelay = failed ? min(retryDelay.multipliedBy(2), MAX_RETRY_DELAY) : Duration.ofMillis(50);
            scheduleRetry();
        } finally {
            lock.unlock();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * One subscriber connection to one node. State is guarded by the subscriber's lock; commands
     * are sent with it held, replies arrive on the reader thread.
     */
    private final class Link extends JedisShardedPubSub {
        private final Endpoint node;
        private final Connection connection;
        /** Channels we want on this connection. */
        private final Set<String> wanted = new HashSet<>();
        /** Channels with an SSUBSCRIBE sent and no SUNSUBSCRIBE after it. */
        private final Set<String> sent = new HashSet<>();
        /** Channels Redis confirmed and that we have not dropped since. */
        private final Set<String> confirmed = new HashSet<>();
        /** SUNSUBSCRIBEs of ours not answered yet, to tell them from Redis dropping a channel. */
        private final Map<String, Integer> unsubscribing = new HashMap<>();
        private final Map<String, CompletableFuture<Void>> pending = new HashMap<>();
        /** Set by the first confirmation: before it Jedis has no connection to send on. */
        private boolean ready;
        private boolean retired;

        Link(Endpoint node, Connection connection) {
            this.node = node;
            this.connection = connection;
        }

        void start(String firstChannel) {
            sent.add(firstChannel);
            Thread.ofPlatform().daemon().name("syncbridge-redis-sub-" + node).start(() -> run(firstChannel));
        }

        CompletableFuture<Void> want(String channel) {
            wanted.add(channel);
            if (sent.contains(channel) && confirmed.contains(channel)) {
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> waiting = pending.computeIfAbsent(channel, c -> new CompletableFuture<>());
            if (ready && !sent.contains(channel)) {
                send(channel, true);
            }
            return waiting;
        }

        void drop(String channel) {
            wanted.remove(channel);
            confirmed.remove(channel);
            CompletableFuture<Void> waiting = pending.remove(channel);
            if (waiting != null) {
                waiting.cancel(false);
            }
            if (wanted.isEmpty()) {
                // No channel can join a retiring link: the next subscriber opens a fresh one. Its
                // reader stops when Redis confirms the last SUNSUBSCRIBE.
                retired = true;
                links.remove(node, this);
            }
            if (ready && sent.contains(channel)) {
                send(channel, false);
            }
        }

        void shutDown() {
            retired = true;
            wanted.clear();
            pending.values().forEach(f -> f.cancel(false));
            pending.clear();
            connection.close();
        }

        private void send(String channel, boolean subscribe) {
            try {
                if (subscribe) {
                    sent.add(channel);
                    ssubscribe(channel);
                } else {
                    sent.remove(channel);
                    unsubscribing.merge(channel, 1, Integer::sum);
                    sunsubscribe(channel);
                }
            } catch (JedisException e) {
                // The reader sees the broken connection too and puts the channels on the retry list.
                LOG.debug("{} {} on {} failed: {}", subscribe ? "SSUBSCRIBE" : "SUNSUBSCRIBE", channel, node,
                        e.getMessage());
            }
        }

        private void run(String firstChannel) {
            Throwable failure = null;
            try {
                proceed(connection, firstChannel);
            } catch (RuntimeException e) {
                failure = e;
            } finally {
                connection.close();
            }
            lock.lock();
            try {
                ready = false;
                sent.clear();
                confirmed.clear();
                links.remove(node, this);
                if (retired || closed) {
                    return;
                }
                retired = true;
                LOG.warn("Redis subscriber connection to {} ended; re-subscribing {} channel(s): {}", node,
                        wanted.size(), failure == null ? "no channel left" : failure.getMessage());
                SyncError.DependencyDown down = new SyncError.DependencyDown(RedisConnection.DEPENDENCY,
                        "subscriber connection to " + node + " lost", failure);
                pending.values().forEach(f -> f.completeExceptionally(down));
                pending.clear();
                orphan(this, Set.copyOf(wanted));
                wanted.clear();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void onSSubscribe(String channel, int subscribedChannels) {
            lock.lock();
            try {
                ready = true;
                if (sent.contains(channel)) {
                    confirmed.add(channel);
                }
                CompletableFuture<Void> waiting = pending.remove(channel);
                if (waiting != null) {
                    waiting.complete(null);
                }
                // Subscribe what waited for the connection before dropping anything, so that the
                // count of subscribed channels never touches zero (Jedis stops reading at zero).
                for (String channelWanted : List.copyOf(wanted)) {
                    if (!sent.contains(channelWanted)) {
                        send(channelWanted, true);
                    }
                }
                for (String channelSent : List.copyOf(sent)) {
                    if (!wanted.contains(channelSent)) {
                        send(channelSent, false);
                    }
                }
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void onSUnsubscribe(String channel, int subscribedChannels) {
            lock.lock();
            try {
                Integer ours = unsubscribing.get(channel);
                if (ours != null) {
                    if (ours == 1) {
                        unsubscribing.remove(channel);
                    } else {
                        unsubscribing.put(channel, ours - 1);
                    }
                    return;
                }
                // Redis drops shard channels by itself when their slot moves to another node.
                confirmed.remove(channel);
                sent.remove(channel);
                if (wanted.remove(channel) && !retired && !closed) {
                    LOG.info("Redis dropped subscription {} on {} (slot moved?); re-subscribing", channel, node);
                    orphan(this, Set.of(channel));
                    if (wanted.isEmpty()) {
                        retired = true;
                        links.remove(node, this);
                    }
                }
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void onSMessage(String channel, String message) {
            sink.message(channel, message);
        }
    }
}
