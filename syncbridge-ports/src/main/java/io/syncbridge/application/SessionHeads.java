package io.syncbridge.application;

import io.syncbridge.domain.change.AppliedChange;
import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.SessionPolicy;
import io.syncbridge.domain.state.JsonCodec;
import io.syncbridge.domain.state.PatchOperation;
import io.syncbridge.port.out.ChangeFeed;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
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
 * write the head in ways the event does not carry, unless this node announced that very event
 * for a commit whose head it holds already ({@link #expect}).
 *
 * <p>With the head, each entry keeps the last few changes that led to it ({@link #RECENT_CHANGES},
 * at most {@link #RECENT_BYTES} of operations), so that a change based on a version just behind
 * the head (a device that sent again before its acknowledgement came back) is decided without
 * reading the change log: under load that read is what turned late acknowledgements into more
 * load.
 */
final class SessionHeads {

    private static final System.Logger LOG = System.getLogger(SessionHeads.class.getName());
    /** How many changes behind its head a session's changes are kept, at most. */
    static final int RECENT_CHANGES = 32;
    /** How many bytes of operations (their JSON text, about) the kept changes of a session hold, at most. */
    static final long RECENT_BYTES = 64 * 1024;
    /** How many announced events a session's entry waits for at once (a device's join and the eviction it caused). */
    static final int MAX_EXPECTED = 8;

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

    /** A head just loaded from the store; kept when newer than the one known. */
    void remember(Session session) {
        Entry entry = entries.get(session.id());
        if (entry != null) {
            entry.offer(session, null);
        }
    }

    /** A head this node just committed, with the change that made it; kept when newer than the one known. */
    void remember(Session session, AppliedChange change) {
        Entry entry = entries.get(session.id());
        if (entry != null) {
            entry.offer(session, change);
        }
    }

    /**
     * The changes after {@code baseVersion} up to {@code decidedOn}'s version, when this node still
     * holds all of them for that very head (the same version and revision); empty otherwise, and
     * the change log is the one to ask.
     */
    Optional<List<AppliedChange>> since(Session decidedOn, long baseVersion) {
        Entry entry = entries.get(decidedOn.id());
        return entry == null ? Optional.empty() : entry.since(decidedOn, baseVersion);
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

    /**
     * Says that this node is about to announce {@code eventId} for a commit whose head it has just
     * remembered: when the event comes back through the feed it is no news, and the head stays.
     */
    void expect(SessionId id, String eventId) {
        Entry entry = entries.get(id);
        if (entry != null) {
            entry.expect(eventId);
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
        /** The changes that led to the head, oldest first, with consecutive versions; guarded by this. */
        private final ArrayDeque<Recent> recent = new ArrayDeque<>();
        private long recentBytes;
        /** Events this node announced for commits its head holds, not yet back from the feed; guarded by this. */
        private final ArrayDeque<String> expected = new ArrayDeque<>(2);

        Entry(SessionId id) {
            this.id = id;
        }

        synchronized void offer(Session session, AppliedChange change) {
            if (!retired && (head == null || session.revision() > head.revision())) {
                advance(session, change);
            }
        }

        synchronized void set(Session session) {
            advance(session, null);
        }

        /** Called with the entry's monitor held. */
        void retire() {
            retired = true;
            advance(null, null);
            entries.remove(id, this);
        }

        /**
         * Makes {@code next} the head. With the change that led to it, the change joins the recent
         * ones when it follows the last of them; otherwise (a head read from the store, or none)
         * the recent changes are dropped, since nothing says they led to it. Called with the
         * monitor held.
         */
        private void advance(Session next, AppliedChange change) {
            head = next;
            boolean follows = change != null && next != null && change.version() == next.version()
                    && (recent.isEmpty() || recent.peekLast().change().version() == change.version() - 1);
            if (!follows) {
                recent.clear();
                recentBytes = 0;
                if (change == null || next == null || change.version() != next.version()) {
                    return;
                }
            }
            long bytes = operationBytes(change);
            if (bytes > RECENT_BYTES) {
                recent.clear();
                recentBytes = 0;
                return;
            }
            recent.addLast(new Recent(change, next.revision(), bytes));
            recentBytes += bytes;
            while (recent.size() > RECENT_CHANGES || recentBytes > RECENT_BYTES) {
                recentBytes -= recent.removeFirst().bytes();
            }
        }

        synchronized Optional<List<AppliedChange>> since(Session decidedOn, long baseVersion) {
            long upTo = decidedOn.version();
            if (recent.isEmpty() || baseVersion >= upTo || recent.peekFirst().change().version() > baseVersion + 1) {
                return Optional.empty();
            }
            List<AppliedChange> changes = new ArrayList<>((int) (upTo - baseVersion));
            for (Iterator<Recent> it = recent.iterator(); it.hasNext(); ) {
                Recent r = it.next();
                long version = r.change().version();
                if (version > upTo) {
                    break;
                }
                if (version > baseVersion) {
                    changes.add(r.change());
                }
                if (version == upTo) {
                    // Kept for this very head, not for another one that reached the same version.
                    return r.revision() == decidedOn.revision() ? Optional.of(changes) : Optional.empty();
                }
            }
            return Optional.empty();
        }

        synchronized void expect(String eventId) {
            if (head == null) {
                return; // nothing to keep
            }
            if (expected.size() == MAX_EXPECTED) {
                expected.removeFirst(); // an event the feed lost: forgetting it only costs a read
            }
            expected.addLast(eventId);
        }

        synchronized void observe(DomainEvent event) {
            if (!(event instanceof DomainEvent.StateChanged) && expected.remove(event.eventId()) && head != null) {
                return; // announced here for a commit the head holds
            }
            Session known = head;
            if (known == null) {
                return;
            }
            if (!(event instanceof DomainEvent.StateChanged changed)) {
                advance(null, null);
                return;
            }
            long version = changed.change().version();
            if (version <= known.version()) {
                return; // this node's own commit, already known
            }
            if (version != known.version() + 1) {
                advance(null, null); // missed a change: read the store next time
                return;
            }
            Pending own = pending;
            if (own != null && own.change() == changed.change() && own.baseRevision() == known.revision()) {
                pending = null;
                advance(own.next(), own.change());
                return;
            }
            try {
                advance(known.followedBy(changed.change(), policy), changed.change());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, () -> "Cannot replay change " + version + " of " + id
                        + "; the head is read again on next use", e);
                advance(null, null);
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

    /** About the JSON text of a change's operations (values, plus a flat allowance per path): what keeping it costs. */
    private static long operationBytes(AppliedChange change) {
        long bytes = 0;
        for (PatchOperation operation : change.operations()) {
            bytes += 16 + switch (operation) {
                case PatchOperation.Add add -> JsonCodec.length(add.value());
                case PatchOperation.Replace replace -> JsonCodec.length(replace.value());
                case PatchOperation.Test test -> JsonCodec.length(test.value());
                case PatchOperation.SetKey set -> set.key().length() + JsonCodec.length(set.value());
                default -> 0L; // paths only: the 16 bytes stand for them
            };
        }
        return bytes;
    }

    /** A change that led to the head, and the revision of the head it made. */
    private record Recent(AppliedChange change, long revision, long bytes) {
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
