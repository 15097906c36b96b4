package io.syncbridge.adapter.redis;

import io.syncbridge.adapter.redis.RedisConfig.Endpoint;
import io.syncbridge.domain.error.SyncError;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Connection;
import redis.clients.jedis.JedisShardedPubSub;
import redis.clients.jedis.exceptions.JedisException;

/**
 * One subscriber connection to one Redis node with its reader thread: shard channels are added
 * and removed on it while it runs. Its state is guarded by the owner's lock; commands are sent
 * with the lock held, replies and messages arrive on the reader thread.
 */
final class SubscriberLink extends JedisShardedPubSub {

    /** What a link reports to the subscriber that owns it (with the owner's lock held, but {@code delivered}). */
    interface Owner {
        ReentrantLock lock();

        boolean isClosed();

        /** A message of a subscribed channel, on the reader thread, in the order Redis sent it. */
        void delivered(String channel, String message);

        /** The link takes no more channels (its last one was dropped, or its connection ended). */
        void retired(SubscriberLink link);

        /** These wanted channels lost their subscription and need another link. */
        void lost(SubscriberLink link, Set<String> channels);
    }

    private static final Logger LOG = LoggerFactory.getLogger(SubscriberLink.class);

    private final Endpoint node;
    private final Connection connection;
    private final Owner owner;
    /** Channels wanted on this connection. */
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

    SubscriberLink(Endpoint node, Connection connection, Owner owner) {
        this.node = node;
        this.connection = connection;
        this.owner = owner;
    }

    Endpoint node() {
        return node;
    }

    /** Starts the reader thread, which subscribes the first channel. */
    void start(String firstChannel) {
        sent.add(firstChannel);
        Thread.ofPlatform().daemon().name("syncbridge-redis-sub-" + node).start(() -> run(firstChannel));
    }

    /** Wants a channel on this link; the future completes when Redis confirms it. */
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
            // No channel joins a retiring link; its reader stops when Redis confirms the last SUNSUBSCRIBE.
            retire();
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

    private void retire() {
        if (!retired) {
            retired = true;
            owner.retired(this);
        }
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
            // The reader sees the broken connection too and hands the channels back to the owner.
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
        ReentrantLock lock = owner.lock();
        lock.lock();
        try {
            ready = false;
            sent.clear();
            confirmed.clear();
            if (retired || owner.isClosed()) {
                return;
            }
            retire();
            LOG.warn("Redis subscriber connection to {} ended; re-subscribing {} channel(s): {}", node,
                    wanted.size(), failure == null ? "no channel left" : failure.getMessage());
            SyncError.DependencyDown down = new SyncError.DependencyDown(RedisConnection.DEPENDENCY,
                    "subscriber connection to " + node + " lost", failure);
            pending.values().forEach(f -> f.completeExceptionally(down));
            pending.clear();
            owner.lost(this, Set.copyOf(wanted));
            wanted.clear();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onSSubscribe(String channel, int subscribedChannels) {
        ReentrantLock lock = owner.lock();
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
        ReentrantLock lock = owner.lock();
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
            if (wanted.remove(channel) && !retired && !owner.isClosed()) {
                LOG.info("Redis dropped subscription {} on {} (slot moved?); re-subscribing", channel, node);
                if (wanted.isEmpty()) {
                    retire();
                }
                owner.lost(this, Set.of(channel));
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onSMessage(String channel, String message) {
        owner.delivered(channel, message);
    }
}
