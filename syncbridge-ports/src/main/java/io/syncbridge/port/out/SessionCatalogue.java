package io.syncbridge.port.out;

import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.SessionStatus;
import io.syncbridge.domain.session.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Driven port: the listable record of sessions, for listing, filtering, paging and expiry sweeps. */
public interface SessionCatalogue {

    /** Inserts or replaces the entry of a session. */
    void upsert(SessionEntry entry);

    void remove(SessionId id);

    Optional<SessionEntry> find(SessionId id);

    /** A page of the owner's sessions, newest first (ties by id), optionally filtered. */
    Page page(UserId owner, Optional<SessionStatus> status, Optional<String> type, int limit, int offset);

    /** Sessions whose expiry is at or before {@code moment}, soonest first. */
    List<SessionEntry> expiringBy(Instant moment, int limit);

    /** How many sessions are not expired at {@code now}. */
    long countUnexpired(Instant now);

    /**
     * Sessions of every owner not expired at {@code now}, newest {@code createdAt} first (ties by
     * id, descending), at most {@code limit}: what an operator's console lists.
     */
    List<SessionEntry> latest(Instant now, int limit);

    /**
     * The sessions created in {@code [from, to)}, and how many of them have an {@code updatedAt}
     * more than {@code usedAfter} after their {@code createdAt}: the figures of the retention rate.
     */
    Cohort cohort(Instant from, Instant to, Duration usedAfter);

    /** What the catalogue keeps of a session. */
    record SessionEntry(SessionId id, UserId owner, String name, String type, SessionStatus status,
                        Instant createdAt, Instant updatedAt, Optional<Instant> completedAt, Instant expiresAt) {
        public SessionEntry {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(completedAt, "completedAt");
        }

        public static SessionEntry of(io.syncbridge.domain.session.Session session) {
            return new SessionEntry(session.id(), session.owner(), session.name(), session.type(), session.status(),
                    session.createdAt(), session.updatedAt(), session.completedAt(), session.expiresAt());
        }
    }

    /** Sessions created in a period, and those of them still used {@code usedAfter} later. */
    record Cohort(long created, long usedLater) {
        public Cohort {
            if (created < 0 || usedLater < 0 || usedLater > created) {
                throw new IllegalArgumentException("a cohort needs 0 <= usedLater <= created: " + usedLater + "/" + created);
            }
        }
    }

    record Page(List<SessionEntry> entries, long total) {
        public Page {
            entries = List.copyOf(entries);
        }
    }
}
