package io.syncbridge.adapter.redis;

import io.syncbridge.domain.error.SyncError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.BuilderFactory;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Group commit: script calls of many callers (the commits of every session this node writes) go
 * to Redis as pipelined batches over a few connections, so that throughput is bounded by Redis and
 * not by a pool of connections each waiting for one reply. A caller waits for its own reply; when
 * more calls wait than {@code capacity}, a new call is refused at once with
 * {@link SyncError.RateLimited#overloaded} (a retry hint, nothing sent; REST 503, WebSocket RATE_LIMITED) rather than left to time out.
 *
 * <p>Each sender takes whatever has queued up while the previous batch was in flight (up to
 * {@link #MAX_BATCH}), so batches grow with the load and a lone call goes out alone, at once.
 */
final class ScriptPipeline implements AutoCloseable {

    static final int MAX_BATCH = 256;
    static final int DEFAULT_SENDERS = 2;
    static final int DEFAULT_CAPACITY = 8_192;

    private static final Logger LOG = LoggerFactory.getLogger(ScriptPipeline.class);

    private final RedisConnection redis;
    private final BlockingQueue<Call> queue;
    private final List<Thread> senders = new ArrayList<>();
    private final Duration replyTimeout;
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong calls = new AtomicLong();
    private volatile boolean closed;

    ScriptPipeline(RedisConnection redis, int senderCount, int capacity) {
        this.redis = Objects.requireNonNull(redis, "redis");
        if (senderCount < 1 || capacity < 1) {
            throw new IllegalArgumentException("a pipeline needs at least one sender and room for one call");
        }
        this.queue = new ArrayBlockingQueue<>(capacity);
        // A reply waits behind at most a full queue; beyond that Redis is down, not busy.
        this.replyTimeout = redis.config().commandTimeout().multipliedBy(3);
        for (int i = 0; i < senderCount; i++) {
            Thread sender = Thread.ofPlatform().daemon().name("syncbridge-redis-pipeline-" + i).start(this::send);
            senders.add(sender);
        }
    }

    /**
     * Runs the script as part of the next batch and waits for its reply. {@code retryable} as in
     * {@link RedisConnection#call}: a batch cut by a connection failure is sent once more.
     */
    Object eval(String operation, LuaScript script, List<String> keys, List<String> args) {
        Call call = new Call(operation, script, keys, args);
        if (closed || !queue.offer(call)) {
            refused.incrementAndGet();
            LOG.debug("Refusing {}: {} calls wait for Redis already", operation, queue.size());
            throw SyncError.RateLimited.overloaded(RedisConnection.DEPENDENCY, 1);
        }
        long start = System.nanoTime();
        boolean succeeded = false;
        try {
            Object reply = call.reply.get(replyTimeout.toMillis(), TimeUnit.MILLISECONDS);
            succeeded = true;
            return reply;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new SyncError.DependencyDown(RedisConnection.DEPENDENCY, operation + " got no reply within "
                    + replyTimeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SyncError.DependencyDown(RedisConnection.DEPENDENCY, operation + " interrupted", e);
        } finally {
            redis.observed(operation, Duration.ofNanos(System.nanoTime() - start), succeeded);
        }
    }

    /** Calls queued and not yet taken by a sender. */
    int waiting() {
        return queue.size();
    }

    /** Calls refused because the queue was full. */
    long refused() {
        return refused.get();
    }

    /** Mean calls per batch sent so far (for diagnostics and the benchmark). */
    double meanBatch() {
        long sent = batches.get();
        return sent == 0 ? 0 : (double) calls.get() / sent;
    }

    @Override
    public void close() {
        closed = true;
        senders.forEach(Thread::interrupt);
        Call left;
        while ((left = queue.poll()) != null) {
            left.reply.completeExceptionally(new SyncError.DependencyDown(RedisConnection.DEPENDENCY,
                    left.operation + " not sent: the connection is closing", null));
        }
    }

    private void send() {
        List<Call> batch = new ArrayList<>(MAX_BATCH);
        while (!closed) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            try {
                sendBatch(batch);
            } catch (RuntimeException e) {
                LOG.warn("A pipelined batch of {} calls failed", batch.size(), e);
                batch.forEach(call -> call.reply.completeExceptionally(e));
            }
            batch.clear();
        }
    }

    private void sendBatch(List<Call> batch) {
        batches.incrementAndGet();
        calls.addAndGet(batch.size());
        List<Response<Object>> replies;
        try {
            replies = pipelined(batch);
        } catch (SyncError.DependencyDown first) {
            if (!(first.getCause() instanceof JedisConnectionException)) {
                throw first;
            }
            // As RedisConnection.call does for one call: compare-and-set scripts are safe to repeat.
            redis.dropIdleConnections();
            replies = pipelined(batch);
        }
        for (int i = 0; i < batch.size(); i++) {
            Call call = batch.get(i);
            try {
                // As Jedis's own evalsha decodes: bulk strings as Strings, in nested lists too.
                call.reply.complete(BuilderFactory.AGGRESSIVE_ENCODED_OBJECT.build(replies.get(i).get()));
            } catch (JedisDataException e) {
                if (String.valueOf(e.getMessage()).startsWith("NOSCRIPT")) {
                    // The node does not know the script yet (a restart, a failover): send it once, alone.
                    completeAlone(call);
                } else {
                    call.reply.completeExceptionally(redis.translated(call.operation, e));
                }
            } catch (RuntimeException e) {
                call.reply.completeExceptionally(e);
            }
        }
    }

    private List<Response<Object>> pipelined(List<Call> batch) {
        return redis.translate("pipeline", () -> {
                try (AbstractPipeline pipeline = redis.client().pipelined()) {
                    List<Response<Object>> sent = new ArrayList<>(batch.size());
                    for (Call call : batch) {
                        sent.add(pipeline.sendCommand(call.arguments()));
                    }
                    pipeline.sync();
                    return sent;
                }
            });
    }

    private void completeAlone(Call call) {
        try {
            call.reply.complete(redis.call(call.operation, true,
                    r -> r.eval(call.script.source(), call.keys, call.args)));
        } catch (RuntimeException e) {
            call.reply.completeExceptionally(e);
        }
    }

    /** One caller's script call and the reply it waits for. */
    private static final class Call {
        final String operation;
        final LuaScript script;
        final List<String> keys;
        final List<String> args;
        final CompletableFuture<Object> reply = new CompletableFuture<>();

        Call(String operation, LuaScript script, List<String> keys, List<String> args) {
            this.operation = operation;
            this.script = script;
            this.keys = keys;
            this.args = args;
        }

        /** EVALSHA sha numkeys key... arg...: each argument encoded once (see EncodedArgument). */
        CommandArguments arguments() {
            CommandArguments arguments = new CommandArguments(Protocol.Command.EVALSHA)
                    .add(script.shaArgument()).add(keys.size());
            for (String key : keys) {
                arguments.key(EncodedArgument.of(key));
            }
            for (String arg : args) {
                arguments.add(EncodedArgument.of(arg));
            }
            return arguments;
        }
    }
}
