package io.syncbridge.adapter.postgres;

import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.time.Clock;
import io.syncbridge.port.out.SessionCheckpoints;
import io.syncbridge.port.out.codec.SessionJson;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Persistence adapter: the durable tier of session state, one row per session in
 * {@code session_checkpoints} holding its last head as stored JSON text. A batch is one
 * transaction of upserts; the {@code revision} guard makes checkpoints move only forward.
 */
public final class PostgresSessionCheckpoints implements SessionCheckpoints {

    private final SqlRunner sql;
    private final Clock clock;

    public PostgresSessionCheckpoints(PostgresDatabase database, Clock clock) {
        this.sql = Objects.requireNonNull(database, "database").sql();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void save(List<Session> heads) {
        Objects.requireNonNull(heads, "heads");
        heads.forEach(head -> Objects.requireNonNull(head, "head"));
        if (heads.isEmpty()) {
            return;
        }
        OffsetDateTime now = SqlTime.utc(clock.now());
        sql.transaction("session_checkpoints.save", handle -> {
            PreparedBatch batch = handle.prepareBatch("""
                    INSERT INTO session_checkpoints (session_id, owner_id, version, revision, head, expires_at, checkpointed_at)
                    VALUES (:id, :owner, :version, :revision, :head, :expiresAt, :now)
                    ON CONFLICT (session_id) DO UPDATE SET owner_id = EXCLUDED.owner_id, version = EXCLUDED.version,
                        revision = EXCLUDED.revision, head = EXCLUDED.head, expires_at = EXCLUDED.expires_at,
                        checkpointed_at = EXCLUDED.checkpointed_at
                    WHERE session_checkpoints.revision < EXCLUDED.revision""");
            for (Session head : heads) {
                batch.bind("id", head.id().value())
                        .bind("owner", head.owner().value())
                        .bind("version", head.version())
                        .bind("revision", head.revision())
                        .bind("head", SessionJson.sessionText(head))
                        .bindByType("expiresAt", SqlTime.utc(head.expiresAt()), OffsetDateTime.class)
                        .bindByType("now", now, OffsetDateTime.class)
                        .add();
            }
            return batch.execute();
        });
    }

    @Override
    public Optional<Session> latest(SessionId id) {
        Objects.requireNonNull(id, "id");
        return sql.call("session_checkpoints.latest", handle -> handle
                .createQuery("SELECT head FROM session_checkpoints WHERE session_id = :id")
                .bind("id", id.value())
                .mapTo(String.class)
                .findOne()
                .map(SessionJson::sessionFromText));
    }

    @Override
    public boolean delete(SessionId id) {
        Objects.requireNonNull(id, "id");
        return sql.call("session_checkpoints.delete", handle -> handle
                .createUpdate("DELETE FROM session_checkpoints WHERE session_id = :id")
                .bind("id", id.value())
                .execute()) > 0;
    }

    /** Deletes the checkpoints of sessions that expired before {@code cutoff} (housekeeping); how many went. */
    public int purgeExpiredBefore(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        return sql.call("session_checkpoints.purge", handle -> handle
                .createUpdate("DELETE FROM session_checkpoints WHERE expires_at < :cutoff")
                .bindByType("cutoff", SqlTime.utc(cutoff), OffsetDateTime.class)
                .execute());
    }
}
