package io.syncbridge.application;

import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.SessionPolicy;
import io.syncbridge.port.out.ChangeFeed;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The decoded heads of the sessions this node serves (those watched here), kept current by the
 * change feed and by this node's own commits, so that a change is decided without reading the
 * head from the store: the commit's compare-and-set on the revision is what makes a stale head
 * harmless (refused, then the caller reloads and decides again).
 *
 * <p>A head is only ever a session the store held, or one labelled with a revision the store has
 * passed already: a StateChanged is replayed only onto the version just before it, and any other
 * event of the session (a device, a handoff, an update, the end) forgets the head, since those
 * write the head in ways the event does not carry.
 */
final class SessionHeads {

    private static final System.Logger LOG = System.getLogger(SessionHeads.class.getName());

    private final ChangeFeed feed;
    private final SessionPolicy policy;
    private final ConcurrentMap<SessionId, Entry> entries = new ConcurrentHashMap<>();

    SessionHeads(ChangeFeed feed, SessionPolicy policy) {
        this.feed = Objects.requireNonNull(feed, "feed");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** Keeps the session's head while the returned handle is open (one feed subscription per session). */
    ChangeFeed.Subscription retain(SessionId id) {
        while (true) {
            Entry entry = entries.computeIfAbsent(id, Entry::new);
            synchronized (entry) {
                if (entry.retired) {
                    continue; // the last holder left meanwhile; take a fresh entry
                }
                if (entry.holders++ == 0) {
                    try {
                        entry.subscription = feed.subscribe(id, entry::observe);
                    } catch (RuntimeException e) {
                        entry.holders--;
                        entry.retire();
                        throw e;
                    }
                }
            }
            return new Handle(entry);
        }
    }

    /** The warm head, when this node serves the session and knows its head. */
    Optional<Session> warm(SessionId id) {
        Entry entry = entries.get(id);
        return entry == null ? Optional.empty() : Optional.ofNullable(entry.head);
    }

    /** A head just loaded from or committed to the store; kept when newer than the one known. */
    void remember(Session session) {
        Entry entry = entries.get(session.id());
        if (entry != null) {
            entry.offer(session);
        }
    }

    /**
     * Says that {@code next} is being committed on {@code base}: should the feed hand the very same
     * change back before the commit returns (an in-process feed does), the head becomes
     * {@code next} without replaying the change.
     */
    void committing(Session base, Session next, io.syncbridge.domain.change.AppliedChange change) {
        Entry entry = entries.get(next.id());
        if (entry != null) {
            entry.pending = new Pending(base.revision(), next, change);
        }
    }

    /** Forgets the head (it proved stale); the next use reads the store. */
    void forget(SessionId id) {
        Entry entry = entries.get(id);
        if (entry != null) {
            entry.set(null);
        }
    }

    /** How many sessions have a head kept here (for tests and diagnostics). */
    int size() {
        return entries.size();
    }

    /** One served session: its holders, the feed subscription and the head as last known. */
    private final class Entry {
        private final SessionId id;
        private int holders;
        private boolean retired;
        private ChangeFeed.Subscription subscription;
        private volatile Session head;
        private volatile Pending pending;

        Entry(SessionId id) {
            this.id = id;
        }

        synchronized void offer(Session session) {
            if (!retired && (head == null || session.revision() > head.revision())) {
                head = session;
            }
        }

        synchronized void set(Session session) {
            head = session;
        }

        /** Called with the entry's monitor held. */
        void retire() {
            retired = true;
            head = null;
            entries.remove(id, this);
        }

        synchronized void observe(DomainEvent event) {
            Session known = head;
            if (known == null) {
                return;
            }
            if (!(event instanceof DomainEvent.StateChanged changed)) {
                head = null;
                return;
            }
            long version = changed.change().version();
            if (version <= known.version()) {
                return; // this node's own commit, already known
            }
            if (version != known.version() + 1) {
                head = null; // missed a change: read the store next time
                return;
            }
            Pending own = pending;
            if (own != null && own.change() == changed.change() && own.baseRevision() == known.revision()) {
                pending = null;
                head = own.next();
                return;
            }
            try {
                head = known.followedBy(changed.change(), policy);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, () -> "Cannot replay change " + version + " of " + id
                        + "; the head is read again on next use", e);
                head = null;
            }
        }

        void release() {
            ChangeFeed.Subscription closing = null;
            synchronized (this) {
                if (--holders == 0) {
                    closing = subscription;
                    retire();
                }
            }
            if (closing != null) {
                closing.close();
            }
        }
    }

    /** A commit under way from this node. */
    private record Pending(long baseRevision, Session next, io.syncbridge.domain.change.AppliedChange change) {
    }

    /** One holder's claim on a served session; closing it twice is harmless. */
    private static final class Handle implements ChangeFeed.Subscription {
        private final Entry entry;
        private boolean open = true;

        Handle(Entry entry) {
            this.entry = entry;
        }

        @Override
        public synchronized void close() {
            if (open) {
                open = false;
                entry.release();
            }
        }
    }
}
