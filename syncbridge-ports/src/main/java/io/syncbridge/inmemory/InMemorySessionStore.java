package io.syncbridge.inmemory;

import io.syncbridge.domain.change.AppliedChange;
import io.syncbridge.domain.change.MutationId;
import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.SessionPolicy;
import io.syncbridge.domain.time.Clock;
import io.syncbridge.port.out.ChangeFeed;
import io.syncbridge.port.out.ChangeLog;
import io.syncbridge.port.out.SessionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Session store and change log adapter: keeps every session's head, its capped change log and its
 * mutation ids in memory, one lock per session.
 *
 * <p>A commit with a change publishes {@link DomainEvent.StateChanged} to the change feed after
 * the write is visible, in commit order per session, without holding the session's lock while the
 * feed runs (see {@link SerialDelivery}): a listener may read or even commit to the same session.
 * Listeners must still be fast and non-blocking. The commit has happened whatever the feed does, so
 * a feed that throws does not fail it: the failure is logged and counted in
 * {@link #failedPublications()}.
 *
 * <p>The log keeps at most {@code logCapacity} entries and drops entries once they are
 * {@code logMaxAge} old by the injected clock. Mutation ids are kept as long as the session.
 * A session past its expiry is absent for every operation (see {@code SessionStoreContract}).
 */
public final class InMemorySessionStore implements SessionStore, ChangeLog {

    private static final System.Logger LOG = System.getLogger(InMemorySessionStore.class.getName());

    private final ConcurrentHashMap<SessionId, Stored> sessions = new ConcurrentHashMap<>();
    private final ChangeFeed feed;
    private final Clock clock;
    private final int logCapacity;
    private final Duration logMaxAge;
    private final AtomicLong failedPublications = new AtomicLong();

    public InMemorySessionStore(ChangeFeed feed, Clock clock, int logCapacity, Duration logMaxAge) {
        this.feed = Objects.requireNonNull(feed, "feed");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.logMaxAge = Objects.requireNonNull(logMaxAge, "logMaxAge");
        if (logCapacity < 1) {
            throw new IllegalArgumentException("log capacity must be at least 1");
        }
        if (logMaxAge.isNegative() || logMaxAge.isZero()) {
            throw new IllegalArgumentException("log max age must be positive");
        }
        this.logCapacity = logCapacity;
    }

    /** A store whose log bounds are the policy's {@code changeLogCapacity} and {@code changeLogMaxAge}. */
    public InMemorySessionStore(ChangeFeed feed, Clock clock, SessionPolicy policy) {
        this(feed, clock, policy.changeLogCapacity(), policy.changeLogMaxAge());
    }

    @Override
    public Optional<Session> load(SessionId id) {
        Stored stored = sessions.get(Objects.requireNonNull(id, "id"));
        if (stored == null) {
            return Optional.empty();
        }
        Session head = stored.head;
        return head == null || head.isExpired(clock.now()) ? Optional.empty() : Optional.of(head);
    }

    @Override
    public boolean insert(Session session) {
        Objects.requireNonNull(session, "session");
        while (true) {
            Stored existing = sessions.putIfAbsent(session.id(), new Stored(session));
            if (existing == null) {
                return true;
            }
            existing.lock.lock();
            try {
                if (existing.removed) {
                    continue; // deleted meanwhile: try to put a fresh one in its place
                }
                if (!existing.head.isExpired(clock.now())) {
                    return false;
                }
                // An expired session is absent: the new one takes its place, with a fresh log.
                existing.head = session;
                existing.log.clear();
                existing.mutations.clear();
                return true;
            } finally {
                existing.lock.unlock();
            }
        }
    }

    @Override
    public boolean commit(long expectedRevision, Session next, Optional<AppliedChange> change) {
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(change, "change");
        change.ifPresent(applied -> {
            if (applied.version() != next.version()) {
                throw new IllegalArgumentException("the change produced version " + applied.version()
                        + " but the session is at version " + next.version());
            }
        });
        Stored stored = sessions.get(next.id());
        if (stored == null) {
            return false;
        }
        stored.lock.lock();
        try {
            Instant now = clock.now();
            if (stored.removed || stored.head.isExpired(now) || stored.head.revision() != expectedRevision
                    || !stored.head.createdAt().equals(next.createdAt())) {
                return false;
            }
            if (change.isPresent() && stored.mutations.containsKey(change.get().mutationId())) {
                return false;
            }
            stored.head = next;
            if (change.isPresent()) {
                AppliedChange applied = change.get();
                stored.log.addLast(applied);
                stored.trim(logCapacity, logMaxAge, now);
                stored.mutations.put(applied.mutationId(), applied.version());
                DomainEvent event = DomainEvent.stateChanged(next, applied);
                stored.outgoing.enqueue(() -> publish(event)); // queued under the lock: commit order
            }
        } finally {
            stored.lock.unlock();
        }
        stored.outgoing.drain();
        return true;
    }

    @Override
    public boolean delete(SessionId id) {
        Stored stored = sessions.get(Objects.requireNonNull(id, "id"));
        if (stored == null) {
            return false;
        }
        stored.lock.lock();
        try {
            if (stored.removed) {
                return false;
            }
            stored.removed = true;
            sessions.remove(id, stored);
            return true;
        } finally {
            stored.lock.unlock();
        }
    }

    @Override
    public Optional<Long> appliedVersion(SessionId id, MutationId mutationId) {
        Objects.requireNonNull(mutationId, "mutationId");
        Stored stored = sessions.get(Objects.requireNonNull(id, "id"));
        if (stored == null) {
            return Optional.empty();
        }
        stored.lock.lock();
        try {
            if (stored.removed || stored.head.isExpired(clock.now())) {
                return Optional.empty();
            }
            return Optional.ofNullable(stored.mutations.get(mutationId));
        } finally {
            stored.lock.unlock();
        }
    }

    /**
     * {@inheritDoc} An unknown or expired session gives {@code Optional.empty()}: there is no log
     * that could vouch for what happened after {@code afterVersion}.
     */
    @Override
    public Optional<List<AppliedChange>> since(SessionId id, long afterVersion) {
        if (afterVersion < 0) {
            throw new IllegalArgumentException("afterVersion must not be negative");
        }
        Stored stored = sessions.get(Objects.requireNonNull(id, "id"));
        if (stored == null) {
            return Optional.empty();
        }
        stored.lock.lock();
        try {
            Instant now = clock.now();
            if (stored.removed || stored.head.isExpired(now)) {
                return Optional.empty();
            }
            stored.trim(logCapacity, logMaxAge, now);
            if (afterVersion >= stored.head.version()) {
                return Optional.of(List.of());
            }
            AppliedChange oldest = stored.log.peekFirst();
            if (oldest == null || oldest.version() > afterVersion + 1) {
                return Optional.empty();
            }
            return Optional.of(stored.log.stream().filter(c -> c.version() > afterVersion).toList());
        } finally {
            stored.lock.unlock();
        }
    }

    /** How many StateChanged events the change feed refused (the commits themselves stood). */
    public long failedPublications() {
        return failedPublications.get();
    }

    private void publish(DomainEvent event) {
        try {
            feed.publish(event);
        } catch (RuntimeException failure) {
            failedPublications.incrementAndGet();
            LOG.log(System.Logger.Level.WARNING, () -> "Committed change of session " + event.sessionId()
                    + " could not be published to the change feed (event " + event.eventId() + ")", failure);
        }
    }

    /** One session: its head, log and mutation ids, guarded by its lock. */
    private static final class Stored {
        final ReentrantLock lock = new ReentrantLock();
        final ArrayDeque<AppliedChange> log = new ArrayDeque<>();
        final Map<MutationId, Long> mutations = new HashMap<>();
        final SerialDelivery outgoing = new SerialDelivery();
        volatile Session head;
        boolean removed;

        Stored(Session head) {
            this.head = head;
        }

        void trim(int capacity, Duration maxAge, Instant now) {
            while (log.size() > capacity) {
                log.removeFirst();
            }
            while (!log.isEmpty() && !now.isBefore(log.peekFirst().appliedAt().plus(maxAge))) {
                log.removeFirst();
            }
        }
    }
}
