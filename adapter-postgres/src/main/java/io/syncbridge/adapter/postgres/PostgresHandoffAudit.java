package io.syncbridge.adapter.postgres;

import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.handoff.Handoff;
import io.syncbridge.domain.handoff.HandoffId;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.port.out.HandoffAudit;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.statement.StatementContext;

/** Persistence adapter: the trail of completed handoffs in the {@code handoffs} table. */
public final class PostgresHandoffAudit implements HandoffAudit {

    private final SqlRunner sql;

    public PostgresHandoffAudit(PostgresDatabase database) {
        this.sql = Objects.requireNonNull(database, "database").sql();
    }

    @Override
    public void record(Handoff handoff) {
        Objects.requireNonNull(handoff, "handoff");
        // Recording the same handoff twice (a retried call) keeps the first row.
        sql.call("handoffs.record", handle -> handle.createUpdate("""
                        INSERT INTO handoffs (id, session_id, from_device, to_device, version, started_at,
                                              completed_at, latency_micros)
                        VALUES (:id, :session, :from, :to, :version, :startedAt, :completedAt, :latencyMicros)
                        ON CONFLICT (id) DO NOTHING""")
                .bind("id", handoff.id().value())
                .bind("session", handoff.sessionId().value())
                .bind("from", handoff.fromDevice() == null ? null : handoff.fromDevice().value())
                .bind("to", handoff.toDevice().value())
                .bind("version", handoff.version())
                .bindByType("startedAt", SqlTime.utc(handoff.startedAt()), OffsetDateTime.class)
                .bindByType("completedAt", SqlTime.utc(handoff.completedAt()), OffsetDateTime.class)
                .bind("latencyMicros", handoff.latency().toNanos() / 1_000)
                .execute());
    }

    @Override
    public List<Handoff> list(SessionId session, int limit) {
        Objects.requireNonNull(session, "session");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
        return sql.call("handoffs.list", handle -> handle.createQuery("""
                        SELECT id, session_id, from_device, to_device, version, started_at, completed_at
                        FROM handoffs WHERE session_id = :session
                        ORDER BY completed_at DESC, recorded_seq DESC LIMIT :limit""")
                .bind("session", session.value())
                .bind("limit", limit)
                .map(PostgresHandoffAudit::handoff)
                .list());
    }

    private static Handoff handoff(ResultSet rs, StatementContext ctx) throws SQLException {
        String from = rs.getString("from_device");
        return new Handoff(new HandoffId(rs.getString("id")), new SessionId(rs.getString("session_id")),
                from == null ? null : new DeviceId(from), new DeviceId(rs.getString("to_device")),
                rs.getLong("version"), SqlTime.instant(rs, "started_at"), SqlTime.instant(rs, "completed_at"));
    }
}
