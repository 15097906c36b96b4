package io.syncbridge.port.out;

import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.SessionStatus;
import io.syncbridge.domain.session.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
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
     * A page of the sessions of every owner not expired at {@code now} whose owner or id contains
     * {@link Search#text()} (ignoring case; every session when it is empty), in the search's order
     * (ties by id, in the same direction), with how many match in all: an operator's search.
     *
     * <p>The default reads every unexpired entry through {@link #latest} and sorts in memory, which
     * answers thousands of sessions in milliseconds; an adapter with an index may answer it itself.
     */
    default Page search(Instant now, Search search) {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(search, "search");
        String wanted = search.text().toLowerCase(Locale.ROOT);
        List<SessionEntry> matching = latest(now, Integer.MAX_VALUE).stream()
                .filter(e -> wanted.isEmpty() || e.owner().value().toLowerCase(Locale.ROOT).contains(wanted)
                        || e.id().value().toLowerCase(Locale.ROOT).contains(wanted))
                .sorted(search.comparator())
                .toList();
        return new Page(matching.stream().skip(search.offset()).limit(search.limit()).toList(), matching.size());
    }

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

    /** What a session search may sort by. */
    enum SortKey {
        CREATED(Comparator.comparing(SessionEntry::createdAt)),
        UPDATED(Comparator.comparing(SessionEntry::updatedAt)),
        EXPIRES(Comparator.comparing(SessionEntry::expiresAt)),
        OWNER(Comparator.comparing(e -> e.owner().value())),
        NAME(Comparator.comparing(e -> e.name() == null ? "" : e.name())),
        ID(Comparator.comparing(e -> e.id().value()));

        private final Comparator<SessionEntry> ascending;

        SortKey(Comparator<SessionEntry> ascending) {
            this.ascending = ascending;
        }

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * An operator's search: {@code text} (at most {@link #MAX_TEXT} characters) to find in an owner
     * or session id, the order, and a page ({@code limit} 1 to {@link #MAX_LIMIT}, {@code offset} 0 or more).
     */
    record Search(String text, SortKey sort, boolean descending, int limit, int offset) {
        public static final int MAX_TEXT = 128;
        public static final int MAX_LIMIT = 100;

        public Search {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(sort, "sort");
            text = text.strip();
            if (text.length() > MAX_TEXT) {
                throw new IllegalArgumentException("the search text must be at most " + MAX_TEXT + " characters");
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ", not " + limit);
            }
            if (offset < 0) {
                throw new IllegalArgumentException("offset must not be negative, not " + offset);
            }
        }

        /** The order of the results: by the key, then by id, both in the search's direction. */
        public Comparator<SessionEntry> comparator() {
            Comparator<SessionEntry> order = sort.ascending.thenComparing(e -> e.id().value());
            return descending ? order.reversed() : order;
        }
    }

    record Page(List<SessionEntry> entries, long total) {
        public Page {
            entries = List.copyOf(entries);
        }
    }
}
