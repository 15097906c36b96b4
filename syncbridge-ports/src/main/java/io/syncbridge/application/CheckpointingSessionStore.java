package io.syncbridge.application;

import io.syncbridge.domain.change.AppliedChange;
import io.syncbridge.domain.change.MutationId;
import io.syncbridge.domain.error.SyncError;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.time.Clock;
import io.syncbridge.port.out.MetricsObserver;
import io.syncbridge.port.out.SessionCheckpoints;
import io.syncbridge.port.out.SessionStore;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Session store decorator: makes {@link SessionCheckpoints} the durable tier behind a hot store
 * that may lose data (a Redis without persistence, flushed or restarted). Every head the hot store
 * accepts is remembered and written behind, in one batch per interval, so an acknowledgement
 * never waits for or fails on the durable tier; when that is down the heads wait (one per
 * session, the latest) and are written when it returns. A session the hot store no longer has is
 * restored from its last checkpoint on first use, on whichever node asks first.
 *
 * <p>What a loss of the hot store can cost: the changes accepted in the last interval before it
 * (plus one flush's duration), and everything since the durable tier went down if it was down too.
 */
public final class CheckpointingSessionStore implements SessionStore, AutoCloseable {

    /** The default distance of the durable tier behind the hot store. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

    private static final System.Logger LOG = System.getLogger(CheckpointingSessionStore.class.getName());

    private final SessionStore hot;
    private final SessionCheckpoints durable;
    private final Clock clock;
    private final MetricsObserver metrics;
    private final Duration interval;
    /** Heads accepted but not yet checkpointed: the latest per session, or a deletion to carry out first. */
    private final ConcurrentMap<SessionId, Pending> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher;
    private final AtomicLong restored = new AtomicLong();
    private final Object flushing = new Object();
    private volatile boolean failing;
    private volatile Instant lastFlush;

    /** What waits for the durable tier about one session: a head to keep, after deleting the old checkpoint if asked. */
    private record Pending(Optional<Session> head, boolean deleteFirst) {

        Pending with(Session next) {
            if (head.isPresent() && head.get().revision() >= next.revision()) {
                return this;
            }
            return new Pending(Optional.of(next), deleteFirst);
        }
    }

    public CheckpointingSessionStore(SessionStore hot, SessionCheckpoints durable, Clock clock, MetricsObserver metrics,
                                     Duration interval) {
        this.hot = Objects.requireNonNull(hot, "hot");
        this.durable = Objects.requireNonNull(durable, "durable");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.interval = Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the checkpoint interval must be positive, was " + interval);
        }
        this.lastFlush = clock.now();
        this.flusher = Executors.newSingleThreadScheduledExecutor(task -> Thread.ofPlatform().daemon()
                .name("syncbridge-checkpoints").unstarted(task));
        long millis = Math.max(1, interval.toMillis());
        flusher.scheduleWithFixedDelay(this::flushQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** The hot head; or, when the hot store lost it, the last checkpoint, put back into the hot store. */
    @Override
    public Optional<Session> load(SessionId id) {
        Optional<Session> current = hot.load(id);
        if (current.isPresent()) {
            return current;
        }
        Optional<Session> lastKnown = lastKnown(id).filter(s -> !s.isExpired(clock.now()));
        if (lastKnown.isEmpty()) {
            return Optional.empty();
        }
        Session session = lastKnown.get();
        if (!hot.insert(session)) {
            // Another node restored it (or a writer re-created it) meanwhile: theirs is the head now.
            return hot.load(id);
        }
        restored.incrementAndGet();
        metrics.sessionRestored();
        LOG.log(Level.WARNING, "session " + id + " was missing from the session store; restored from its checkpoint"
                + " at version " + session.version() + " (revision " + session.revision() + ")");
        return Optional.of(session);
    }

    /** This node's unwritten head of the session or its checkpoint, whichever is later. */
    private Optional<Session> lastKnown(SessionId id) {
        Optional<Session> waiting = Optional.ofNullable(pending.get(id)).flatMap(Pending::head);
        Optional<Session> checkpoint;
        try {
            checkpoint = durable.latest(id);
        } catch (SyncError.DependencyDown e) {
            if (waiting.isPresent()) {
                return waiting;
            }
            // Not knowing whether the session exists must not look like "it does not": that would
            // let a device re-create it empty over a checkpoint that is only unreachable.
            throw e;
        }
        if (waiting.isPresent() && (checkpoint.isEmpty() || waiting.get().revision() > checkpoint.get().revision())) {
            return waiting;
        }
        return checkpoint;
    }

    @Override
    public boolean insert(Session session) {
        boolean inserted = hot.insert(session);
        if (inserted) {
            remember(session);
        }
        return inserted;
    }

    @Override
    public boolean commit(long expectedRevision, Session next, Optional<AppliedChange> change) {
        boolean committed = hot.commit(expectedRevision, next, change);
        if (committed) {
            remember(next);
        }
        return committed;
    }

    @Override
    public boolean delete(SessionId id) {
        // Under the flush lock, so that a flush in flight cannot write the deleted head back.
        synchronized (flushing) {
            boolean deleted = hot.delete(id);
            pending.remove(id);
            try {
                return durable.delete(id) || deleted;
            } catch (RuntimeException e) {
                // Deleted from the hot store already; the checkpoint goes when the durable tier is back.
                pending.merge(id, new Pending(Optional.empty(), true), (old, fresh) -> fresh);
                LOG.log(Level.WARNING, "deleting the checkpoint of session " + id + " failed; retried later: " + e);
                return true;
            }
        }
    }

    @Override
    public Optional<Long> appliedVersion(SessionId id, MutationId mutationId) {
        return hot.appliedVersion(id, mutationId);
    }

    private void remember(Session head) {
        pending.merge(head.id(), new Pending(Optional.of(head), false), (old, fresh) -> old.with(head));
    }

    /** Sessions whose latest head is not checkpointed yet. */
    public int pendingCount() {
        return pending.size();
    }

    /** Sessions restored from a checkpoint by this node since it started. */
    public long restoredCount() {
        return restored.get();
    }

    /** When the last flush succeeded (or the store was created): the durable tier holds every head accepted before it. */
    public Instant lastFlush() {
        return lastFlush;
    }

    public Duration interval() {
        return interval;
    }

    /**
     * Writes every waiting head now; true when all were written. A head that fails stays waiting
     * (unless a later one replaced it meanwhile) for the next flush.
     */
    public boolean flush() {
        synchronized (flushing) {
            Instant started = clock.now();
            List<Map.Entry<SessionId, Pending>> batch = new ArrayList<>(pending.entrySet());
            if (batch.isEmpty()) {
                lastFlush = started;
                return true;
            }
            batch.forEach(entry -> pending.remove(entry.getKey(), entry.getValue()));
            try {
                for (Map.Entry<SessionId, Pending> entry : batch) {
                    if (entry.getValue().deleteFirst()) {
                        durable.delete(entry.getKey());
                    }
                }
                durable.save(batch.stream().flatMap(entry -> entry.getValue().head().stream()).toList());
            } catch (RuntimeException e) {
                for (Map.Entry<SessionId, Pending> entry : batch) {
                    // A newer head accepted meanwhile wins; the older one is not worth keeping.
                    pending.merge(entry.getKey(), entry.getValue(), (newer, failed) -> new Pending(newer.head().or(failed::head),
                            newer.deleteFirst() || failed.deleteFirst()));
                }
                if (!failing) {
                    failing = true;
                    LOG.log(Level.ERROR, "CHECKPOINTS ARE NOT BEING WRITTEN: " + batch.size() + " session heads wait for"
                            + " the durable tier and would be lost with the session store; retrying every " + interval
                            + ": " + e);
                }
                return false;
            }
            if (failing) {
                failing = false;
                LOG.log(Level.INFO, "checkpoints are written again; " + batch.size() + " waiting session heads caught up");
            }
            lastFlush = started;
            return true;
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "checkpoint flush failed unexpectedly", e);
        }
    }

    /** Stops the flusher after one last flush, so a clean shutdown loses nothing. */
    @Override
    public void close() {
        flusher.shutdown();
        try {
            flusher.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!flush()) {
            LOG.log(Level.ERROR, pending.size() + " session heads could not be checkpointed before shutdown");
        }
    }
}
