package io.syncbridge.adapter.postgres;

import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.SessionStatus;
import io.syncbridge.domain.session.UserId;
import io.syncbridge.port.out.SessionCatalogue;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

/** Persistence adapter: the session catalogue in the {@code sessions} table, for listings and expiry sweeps. */
public final class PostgresSessionCatalogue implements SessionCatalogue {

    private static final String COLUMNS =
            "id, owner_id, name, type, status, created_at, updated_at, completed_at, expires_at";
    // Newest first, ties by id descending (code points: the column is COLLATE "C"): a total order,
    // so that offset pages neither repeat nor skip rows.
    private static final String LISTING_ORDER = " ORDER BY created_at DESC, id DESC";

    private final SqlRunner sql;

    public PostgresSessionCatalogue(PostgresDatabase database) {
        this.sql = Objects.requireNonNull(database, "database").sql();
    }

    @Override
    public void upsert(SessionEntry entry) {
        Objects.requireNonNull(entry, "entry");
        sql.call("sessions.upsert", handle -> handle.createUpdate("""
                        INSERT INTO sessions (id, owner_id, name, type, status, created_at, updated_at, completed_at, expires_at)
                        VALUES (:id, :owner, :name, :type, :status, :createdAt, :updatedAt, :completedAt, :expiresAt)
                        ON CONFLICT (id) DO UPDATE SET owner_id = excluded.owner_id, name = excluded.name,
                            type = excluded.type, status = excluded.status, created_at = excluded.created_at,
                            updated_at = excluded.updated_at, completed_at = excluded.completed_at,
                            expires_at = excluded.expires_at""")
                .bind("id", entry.id().value())
                .bind("owner", entry.owner().value())
                .bind("name", entry.name())
                .bind("type", entry.type())
                .bind("status", entry.status().wireName())
                .bindByType("createdAt", SqlTime.utc(entry.createdAt()), OffsetDateTime.class)
                .bindByType("updatedAt", SqlTime.utc(entry.updatedAt()), OffsetDateTime.class)
                .bindByType("completedAt", SqlTime.utc(entry.completedAt().orElse(null)), OffsetDateTime.class)
                .bindByType("expiresAt", SqlTime.utc(entry.expiresAt()), OffsetDateTime.class)
                .execute());
    }

    @Override
    public void remove(SessionId id) {
        Objects.requireNonNull(id, "id");
        sql.call("sessions.remove", handle -> handle.createUpdate("DELETE FROM sessions WHERE id = :id")
                .bind("id", id.value())
                .execute());
    }

    @Override
    public Optional<SessionEntry> find(SessionId id) {
        Objects.requireNonNull(id, "id");
        return sql.call("sessions.find", handle -> handle
                .createQuery("SELECT " + COLUMNS + " FROM sessions WHERE id = :id")
                .bind("id", id.value())
                .map(PostgresSessionCatalogue::entry)
                .findOne());
    }

    @Override
    public Page page(UserId owner, Optional<SessionStatus> status, Optional<String> type, int limit, int offset) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(type, "type");
        if (limit < 0 || offset < 0) {
            throw new IllegalArgumentException("limit and offset must not be negative");
        }
        // Only the filters that are present become conditions, so that each shape uses its own index.
        String filter = " WHERE owner_id = :owner"
                + (status.isPresent() ? " AND status = :status" : "")
                + (type.isPresent() ? " AND type = :type" : "");
        return sql.snapshot("sessions.page", handle -> {
            Query rows = handle.createQuery("SELECT " + COLUMNS + " FROM sessions" + filter + LISTING_ORDER
                    + " LIMIT :limit OFFSET :offset");
            List<SessionEntry> entries = filtered(rows, owner, status, type)
                    .bind("limit", limit)
                    .bind("offset", offset)
                    .map(PostgresSessionCatalogue::entry)
                    .list();
            long total = filtered(handle.createQuery("SELECT count(*) FROM sessions" + filter), owner, status, type)
                    .mapTo(Long.class)
                    .one();
            return new Page(entries, total);
        });
    }

    private static Query filtered(Query query, UserId owner, Optional<SessionStatus> status, Optional<String> type) {
        query.bind("owner", owner.value());
        status.ifPresent(value -> query.bind("status", value.wireName()));
        type.ifPresent(value -> query.bind("type", value));
        return query;
    }

    @Override
    public List<SessionEntry> expiringBy(Instant moment, int limit) {
        Objects.requireNonNull(moment, "moment");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
        return sql.call("sessions.expiring_by", handle -> handle.createQuery("SELECT " + COLUMNS
                        + " FROM sessions WHERE expires_at <= :moment ORDER BY expires_at, id LIMIT :limit")
                .bindByType("moment", SqlTime.utc(moment), OffsetDateTime.class)
                .bind("limit", limit)
                .map(PostgresSessionCatalogue::entry)
                .list());
    }

    @Override
    public long countUnexpired(Instant now) {
        Objects.requireNonNull(now, "now");
        return sql.call("sessions.count_unexpired", handle -> handle
                .createQuery("SELECT count(*) FROM sessions WHERE expires_at > :now")
                .bindByType("now", SqlTime.utc(now), OffsetDateTime.class)
                .mapTo(Long.class)
                .one());
    }

    @Override
    public List<SessionEntry> latest(Instant now, int limit) {
        Objects.requireNonNull(now, "now");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
        return sql.call("sessions.latest", handle -> handle.createQuery("SELECT " + COLUMNS
                        + " FROM sessions WHERE expires_at > :now" + LISTING_ORDER + " LIMIT :limit")
                .bindByType("now", SqlTime.utc(now), OffsetDateTime.class)
                .bind("limit", limit)
                .map(PostgresSessionCatalogue::entry)
                .list());
    }

    @Override
    public Cohort cohort(Instant from, Instant to, Duration usedAfter) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(usedAfter, "usedAfter");
        return sql.call("sessions.cohort", handle -> handle.createQuery("""
                        SELECT count(*) AS created,
                               count(*) FILTER (WHERE updated_at > created_at + :usedAfter * interval '1 microsecond')
                                   AS used_later
                        FROM sessions WHERE created_at >= :from AND created_at < :to""")
                .bindByType("from", SqlTime.utc(from), OffsetDateTime.class)
                .bindByType("to", SqlTime.utc(to), OffsetDateTime.class)
                .bind("usedAfter", usedAfter.toNanos() / 1_000)
                .map((rs, ctx) -> new Cohort(rs.getLong("created"), rs.getLong("used_later")))
                .one());
    }

    private static SessionEntry entry(ResultSet rs, StatementContext ctx) throws SQLException {
        return new SessionEntry(new SessionId(rs.getString("id")), new UserId(rs.getString("owner_id")),
                rs.getString("name"), rs.getString("type"), SessionStatus.parse(rs.getString("status")),
                SqlTime.instant(rs, "created_at"), SqlTime.instant(rs, "updated_at"),
                SqlTime.optionalInstant(rs, "completed_at"), SqlTime.instant(rs, "expires_at"));
    }
}
