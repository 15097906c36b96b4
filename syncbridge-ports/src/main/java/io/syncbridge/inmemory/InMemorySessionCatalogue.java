package io.syncbridge.inmemory;

import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.SessionStatus;
import io.syncbridge.domain.session.UserId;
import io.syncbridge.port.out.SessionCatalogue;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Session catalogue adapter: the listable record of sessions in a map, indexed by owner (an
 * owner's page, read before each new session for the quota, must not scan every session), sorted
 * and filtered on every read.
 */
public final class InMemorySessionCatalogue implements SessionCatalogue {

    /** Newest first; equal creation times by id, descending (code-point order). */
    private static final Comparator<SessionEntry> NEWEST_FIRST = Comparator.comparing(SessionEntry::createdAt)
            .thenComparing(e -> e.id().value()).reversed();

    /** Soonest expiry first; equal expiry times by id, ascending (code-point order). */
    private static final Comparator<SessionEntry> SOONEST_EXPIRY_FIRST = Comparator.comparing(SessionEntry::expiresAt)
            .thenComparing(e -> e.id().value());

    private final ConcurrentHashMap<SessionId, SessionEntry> entries = new ConcurrentHashMap<>();
    /** The same entries by owner; written only inside {@code entries}' per-id lock, so both agree. */
    private final ConcurrentHashMap<UserId, Map<SessionId, SessionEntry>> byOwner = new ConcurrentHashMap<>();

    @Override
    public void upsert(SessionEntry entry) {
        Objects.requireNonNull(entry, "entry");
        entries.compute(entry.id(), (id, previous) -> {
            if (previous != null && !previous.owner().equals(entry.owner())) {
                unindex(previous);
            }
            byOwner.compute(entry.owner(), (owner, sessions) -> {
                Map<SessionId, SessionEntry> held = sessions == null ? new ConcurrentHashMap<>() : sessions;
                held.put(id, entry);
                return held;
            });
            return entry;
        });
    }

    @Override
    public void remove(SessionId id) {
        entries.computeIfPresent(Objects.requireNonNull(id, "id"), (key, previous) -> {
            unindex(previous);
            return null;
        });
    }

    private void unindex(SessionEntry entry) {
        byOwner.computeIfPresent(entry.owner(), (owner, sessions) -> {
            sessions.remove(entry.id());
            return sessions.isEmpty() ? null : sessions;
        });
    }

    @Override
    public Optional<SessionEntry> find(SessionId id) {
        return Optional.ofNullable(entries.get(Objects.requireNonNull(id, "id")));
    }

    @Override
    public Page page(UserId owner, Optional<SessionStatus> status, Optional<String> type, int limit, int offset) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(type, "type");
        if (limit < 0 || offset < 0) {
            throw new IllegalArgumentException("limit and offset must not be negative");
        }
        List<SessionEntry> matching = byOwner.getOrDefault(owner, Map.of()).values().stream()
                .filter(e -> status.map(s -> e.status() == s).orElse(true))
                .filter(e -> type.map(t -> t.equals(e.type())).orElse(true))
                .sorted(NEWEST_FIRST)
                .toList();
        return new Page(matching.stream().skip(offset).limit(limit).toList(), matching.size());
    }

    @Override
    public List<SessionEntry> expiringBy(Instant moment, int limit) {
        Objects.requireNonNull(moment, "moment");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
        return entries.values().stream()
                .filter(e -> !e.expiresAt().isAfter(moment))
                .sorted(SOONEST_EXPIRY_FIRST)
                .limit(limit)
                .toList();
    }

    @Override
    public long countUnexpired(Instant now) {
        Objects.requireNonNull(now, "now");
        return entries.values().stream().filter(e -> e.expiresAt().isAfter(now)).count();
    }

    @Override
    public List<SessionEntry> latest(Instant now, int limit) {
        Objects.requireNonNull(now, "now");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
        return entries.values().stream().filter(e -> e.expiresAt().isAfter(now)).sorted(NEWEST_FIRST).limit(limit)
                .toList();
    }

    @Override
    public Cohort cohort(Instant from, Instant to, Duration usedAfter) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(usedAfter, "usedAfter");
        List<SessionEntry> created = entries.values().stream()
                .filter(e -> !e.createdAt().isBefore(from) && e.createdAt().isBefore(to)).toList();
        long usedLater = created.stream().filter(e -> e.updatedAt().isAfter(e.createdAt().plus(usedAfter))).count();
        return new Cohort(created.size(), usedLater);
    }
}
