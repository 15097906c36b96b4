package io.syncbridge.adapter.postgres;

import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.domain.time.Clock;
import io.syncbridge.port.out.EventOutbox;
import io.syncbridge.port.out.RelayLeadership;
import io.syncbridge.port.out.codec.EventJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Persistence adapter: domain events waiting for the broker, in the {@code event_outbox} table.
 * The payload is the event's JSON ({@link EventJson}) as {@code jsonb}; a {@code bigserial}
 * column keeps the append order that {@link #pending} follows. Several server instances share the
 * table; a PostgreSQL advisory lock ({@link RelayLeadership}) lets only one of them relay at a time.
 */
public final class PostgresEventOutbox implements EventOutbox, RelayLeadership {

    private static final Logger log = LoggerFactory.getLogger(PostgresEventOutbox.class);

    private final SqlRunner sql;
    private final Clock clock;
    private final AdvisoryRelayLock relayLock;

    public PostgresEventOutbox(PostgresDatabase database) {
        this(database, Clock.system());
    }

    /** With the clock that stamps when each event was recorded. */
    public PostgresEventOutbox(PostgresDatabase database, Clock clock) {
        this.sql = Objects.requireNonNull(database, "database").sql();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.relayLock = new AdvisoryRelayLock(database.dataSource(), database.config().schema());
    }

    /** Takes (or keeps) the relay role of this schema's outbox: a session advisory lock on a connection of its own. */
    @Override
    public boolean tryLeadership() {
        return relayLock.tryAcquire();
    }

    @Override
    public void resignLeadership() {
        relayLock.release();
    }

    @Override
    public void append(DomainEvent event) {
        Objects.requireNonNull(event, "event");
        String payload = EventJson.eventText(event);
        // Appending an event id twice (a retried use case) keeps the first row and its place.
        sql.call("event_outbox.append", handle -> handle.createUpdate("""
                        INSERT INTO event_outbox (event_id, event_type, session_id, payload, created_at)
                        VALUES (:eventId, :type, :sessionId, CAST(:payload AS jsonb), :createdAt)
                        ON CONFLICT (event_id) DO NOTHING""")
                .bind("eventId", event.eventId())
                .bind("type", event.name())
                .bind("sessionId", event.sessionId().value())
                .bind("payload", payload)
                .bindByType("createdAt", SqlTime.utc(clock.now()), OffsetDateTime.class)
                .execute());
    }

    /**
     * Appends several events in one transaction, in the order given (not part of the port: the
     * spill file's replay uses it). Event ids already recorded keep their first row, so a replay
     * interrupted and started again records each event once.
     */
    public void appendAll(List<DomainEvent> events) {
        Objects.requireNonNull(events, "events");
        if (events.isEmpty()) {
            return;
        }
        OffsetDateTime now = SqlTime.utc(clock.now());
        sql.transaction("event_outbox.append_all", handle -> {
            PreparedBatch batch = handle.prepareBatch("""
                    INSERT INTO event_outbox (event_id, event_type, session_id, payload, created_at)
                    VALUES (:eventId, :type, :sessionId, CAST(:payload AS jsonb), :createdAt)
                    ON CONFLICT (event_id) DO NOTHING""");
            for (DomainEvent event : events) {
                batch.bind("eventId", event.eventId())
                        .bind("type", event.name())
                        .bind("sessionId", event.sessionId().value())
                        .bind("payload", EventJson.eventText(event))
                        .bindByType("createdAt", now, OffsetDateTime.class)
                        .add();
            }
            return batch.execute();
        });
    }

    @Override
    public List<Pending> pending(int limit) {
        requireLimit(limit);
        return sql.transaction("event_outbox.pending", handle -> {
            walkThePendingIndex(handle);
            return readable(handle.createQuery("""
                            SELECT event_id, CAST(payload AS text) AS payload, created_at, attempts
                            FROM event_outbox WHERE published_at IS NULL ORDER BY seq LIMIT :limit""")
                    .bind("limit", limit));
        });
    }

    /** An event id that is not (or no longer) in the table reads from the head: {@code seq > 0}. */
    @Override
    public List<Pending> pendingAfter(String eventId, int limit) {
        Objects.requireNonNull(eventId, "eventId");
        requireLimit(limit);
        return sql.transaction("event_outbox.pending_after", handle -> {
            walkThePendingIndex(handle);
            return readable(handle.createQuery("""
                            SELECT event_id, CAST(payload AS text) AS payload, created_at, attempts
                            FROM event_outbox
                            WHERE published_at IS NULL
                              AND seq > COALESCE((SELECT seq FROM event_outbox WHERE event_id = :after), 0)
                            ORDER BY seq LIMIT :limit""")
                    .bind("after", eventId)
                    .bind("limit", limit));
        });
    }

    /**
     * Makes the next statement walk the pending index in order and stop at the limit. A backlog
     * builds up faster than autovacuum analyses the table, and without statistics the planner
     * takes the backlog for a few hundred rows: it reads all of them (bitmap scan) and sorts, for
     * every batch, which made draining a backlog slower the longer it was (100 ms per batch at
     * 60,000 waiting, against 1 ms this way).
     */
    private static void walkThePendingIndex(Handle handle) {
        handle.execute("SET LOCAL enable_bitmapscan = off");
        handle.execute("SET LOCAL enable_sort = off");
    }

    /** The rows of a pending-events query, less those whose payload this version cannot read. */
    private static List<Pending> readable(Query query) {
        return query.map(PostgresEventOutbox::pendingEvent).list().stream().flatMap(Optional::stream).toList();
    }

    private static void requireLimit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
    }

    @Override
    public void markPublished(List<String> eventIds, Instant at) {
        Objects.requireNonNull(eventIds, "eventIds");
        Objects.requireNonNull(at, "at");
        if (eventIds.isEmpty()) {
            return;
        }
        // Without waiting for the WAL flush: a mark lost in a database crash only sends those events
        // again, with their message ids, which consumers already tolerate; the relay's pace is not
        // held to the disk's.
        sql.transaction("event_outbox.mark_published", handle -> {
            handle.execute("SET LOCAL synchronous_commit = off");
            // By the event id index alone, not intersected with a scan of every pending row.
            handle.execute("SET LOCAL enable_bitmapscan = off");
            return handle.createUpdate("""
                            UPDATE event_outbox SET published_at = :at
                            WHERE event_id = ANY(:ids) AND published_at IS NULL""")
                    .bindArray("ids", String.class, eventIds)
                    .bindByType("at", SqlTime.utc(at), OffsetDateTime.class)
                    .execute();
        });
    }

    @Override
    public void markFailed(List<String> eventIds, Instant at) {
        Objects.requireNonNull(eventIds, "eventIds");
        Objects.requireNonNull(at, "at");
        if (eventIds.isEmpty()) {
            return;
        }
        sql.call("event_outbox.mark_failed", handle -> handle.createUpdate("""
                        UPDATE event_outbox SET attempts = attempts + 1, last_failed_at = :at
                        WHERE event_id = ANY(:ids) AND published_at IS NULL""")
                .bindArray("ids", String.class, eventIds)
                .bindByType("at", SqlTime.utc(at), OffsetDateTime.class)
                .execute());
    }

    @Override
    public Depth depth() {
        return sql.call("event_outbox.depth", handle -> handle.createQuery(
                        "SELECT count(*) AS waiting, min(created_at) AS oldest FROM event_outbox WHERE published_at IS NULL")
                .map((rs, ctx) -> new Depth(rs.getLong("waiting"), SqlTime.instant(rs, "oldest")))
                .one());
    }

    /**
     * Deletes events published before {@code cutoff} (housekeeping, not part of the port); returns
     * how many went. Unpublished events are never deleted.
     */
    public int purgePublishedBefore(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        return sql.call("event_outbox.purge", handle -> handle
                .createUpdate("DELETE FROM event_outbox WHERE published_at IS NOT NULL AND published_at < :cutoff")
                .bindByType("cutoff", SqlTime.utc(cutoff), OffsetDateTime.class)
                .execute());
    }

    /**
     * The pending event of a row, or empty for a payload this version cannot read: such a row is
     * logged and left in place (still counted by {@link #depth}) rather than blocking every event behind it.
     */
    private static Optional<Pending> pendingEvent(ResultSet rs, StatementContext ctx) throws SQLException {
        String eventId = rs.getString("event_id");
        DomainEvent event;
        try {
            event = EventJson.eventFromText(rs.getString("payload"));
        } catch (RuntimeException e) {
            log.error("Outbox event {} has a payload that cannot be read; it stays unpublished", eventId, e);
            return Optional.empty();
        }
        return Optional.of(new Pending(event, SqlTime.instant(rs, "created_at"), rs.getInt("attempts")));
    }
}
