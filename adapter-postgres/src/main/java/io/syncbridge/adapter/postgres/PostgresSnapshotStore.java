package io.syncbridge.adapter.postgres;

import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.snapshot.Snapshot;
import io.syncbridge.domain.snapshot.SnapshotId;
import io.syncbridge.domain.time.Clock;
import io.syncbridge.port.out.SnapshotStore;
import io.syncbridge.port.out.codec.SnapshotJson;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Persistence adapter: snapshots of session state in {@code session_snapshots}, the durable copy
 * of the snapshots the hot store keeps. Expiry is decided by the clock; expired rows stay until
 * {@link #purgeExpiredBefore}. Ids sort in code-point order ({@code COLLATE "C"}), as the port's contract asks.
 */
public final class PostgresSnapshotStore implements SnapshotStore {

    private final SqlRunner sql;
    private final Clock clock;

    public PostgresSnapshotStore(PostgresDatabase database, Clock clock) {
        this.sql = Objects.requireNonNull(database, "database").sql();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void save(Snapshot snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        sql.call("session_snapshots.save", handle -> handle.createUpdate("""
                        INSERT INTO session_snapshots (session_id, snapshot_id, created_at, expires_at, body)
                        VALUES (:session, :id, :createdAt, :expiresAt, :body)
                        ON CONFLICT (session_id, snapshot_id) DO UPDATE SET created_at = EXCLUDED.created_at,
                            expires_at = EXCLUDED.expires_at, body = EXCLUDED.body""")
                .bind("session", snapshot.sessionId().value())
                .bind("id", snapshot.id().value())
                .bindByType("createdAt", SqlTime.utc(snapshot.createdAt()), OffsetDateTime.class)
                .bindByType("expiresAt", SqlTime.utc(snapshot.expiresAt()), OffsetDateTime.class)
                .bind("body", SnapshotJson.snapshotText(snapshot))
                .execute());
    }

    @Override
    public Optional<Snapshot> find(SessionId session, SnapshotId id) {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(id, "id");
        return sql.call("session_snapshots.find", handle -> handle.createQuery("""
                        SELECT body FROM session_snapshots
                        WHERE session_id = :session AND snapshot_id = :id AND expires_at > :now""")
                .bind("session", session.value())
                .bind("id", id.value())
                .bindByType("now", SqlTime.utc(clock.now()), OffsetDateTime.class)
                .mapTo(String.class)
                .findOne()
                .map(SnapshotJson::snapshotFromText));
    }

    @Override
    public List<Snapshot> list(SessionId session, int limit, Optional<Instant> before) {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(before, "before");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
        return sql.call("session_snapshots.list", handle -> handle.createQuery("""
                        SELECT body FROM session_snapshots
                        WHERE session_id = :session AND expires_at > :now
                          AND (CAST(:before AS timestamptz) IS NULL OR created_at < :before)
                        ORDER BY created_at DESC, snapshot_id COLLATE "C" DESC
                        LIMIT :limit""")
                .bind("session", session.value())
                .bindByType("now", SqlTime.utc(clock.now()), OffsetDateTime.class)
                .bindByType("before", before.map(SqlTime::utc).orElse(null), OffsetDateTime.class)
                .bind("limit", limit)
                .mapTo(String.class)
                .map(SnapshotJson::snapshotFromText)
                .list());
    }

    @Override
    public int count(SessionId session) {
        Objects.requireNonNull(session, "session");
        return sql.call("session_snapshots.count", handle -> handle.createQuery(
                        "SELECT count(*) FROM session_snapshots WHERE session_id = :session AND expires_at > :now")
                .bind("session", session.value())
                .bindByType("now", SqlTime.utc(clock.now()), OffsetDateTime.class)
                .mapTo(Integer.class)
                .one());
    }

    @Override
    public void deleteAll(SessionId session) {
        Objects.requireNonNull(session, "session");
        sql.call("session_snapshots.delete_all", handle -> handle
                .createUpdate("DELETE FROM session_snapshots WHERE session_id = :session")
                .bind("session", session.value())
                .execute());
    }

    /** Deletes snapshots that expired before {@code cutoff} (housekeeping); how many went. */
    public int purgeExpiredBefore(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        return sql.call("session_snapshots.purge", handle -> handle
                .createUpdate("DELETE FROM session_snapshots WHERE expires_at < :cutoff")
                .bindByType("cutoff", SqlTime.utc(cutoff), OffsetDateTime.class)
                .execute());
    }
}
