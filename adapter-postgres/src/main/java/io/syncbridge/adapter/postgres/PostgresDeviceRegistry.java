package io.syncbridge.adapter.postgres;

import io.syncbridge.domain.device.Device;
import io.syncbridge.domain.device.DeviceDescription;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.device.DeviceKind;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.port.out.DeviceRegistry;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jdbi.v3.core.statement.StatementContext;

/** Persistence adapter: the devices that joined each session, in the {@code session_devices} table. */
public final class PostgresDeviceRegistry implements DeviceRegistry {

    private final SqlRunner sql;

    public PostgresDeviceRegistry(PostgresDatabase database) {
        this.sql = Objects.requireNonNull(database, "database").sql();
    }

    @Override
    public void record(SessionId session, Device device) {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(device, "device");
        DeviceDescription description = device.description();
        // An update keeps first_seen_at and joined_seq: the device keeps its place in the join order.
        sql.call("session_devices.record", handle -> handle.createUpdate("""
                        INSERT INTO session_devices (session_id, device_id, kind, name, user_agent, capabilities,
                                                     first_seen_at, connected_at, last_seen_at, online)
                        VALUES (:session, :device, :kind, :name, :userAgent, :capabilities,
                                :connectedAt, :connectedAt, :lastSeen, :online)
                        ON CONFLICT (session_id, device_id) DO UPDATE SET kind = excluded.kind,
                            name = excluded.name, user_agent = excluded.user_agent,
                            capabilities = excluded.capabilities, connected_at = excluded.connected_at,
                            last_seen_at = excluded.last_seen_at, online = excluded.online""")
                .bind("session", session.value())
                .bind("device", device.id().value())
                .bind("kind", description.kind().wireName())
                .bind("name", description.name())
                .bind("userAgent", description.userAgent())
                .bindArray("capabilities", String.class, description.capabilities().stream().sorted().toList())
                .bindByType("connectedAt", SqlTime.utc(device.connectedAt()), OffsetDateTime.class)
                .bindByType("lastSeen", SqlTime.utc(device.lastSeen()), OffsetDateTime.class)
                .bind("online", device.online())
                .execute());
    }

    @Override
    public void remove(SessionId session, DeviceId device) {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(device, "device");
        sql.call("session_devices.remove", handle -> handle
                .createUpdate("DELETE FROM session_devices WHERE session_id = :session AND device_id = :device")
                .bind("session", session.value())
                .bind("device", device.value())
                .execute());
    }

    @Override
    public List<Device> list(SessionId session) {
        Objects.requireNonNull(session, "session");
        return sql.call("session_devices.list", handle -> handle.createQuery("""
                        SELECT device_id, kind, name, user_agent, capabilities, connected_at, last_seen_at, online
                        FROM session_devices WHERE session_id = :session ORDER BY joined_seq""")
                .bind("session", session.value())
                .map(PostgresDeviceRegistry::device)
                .list());
    }

    @Override
    public void removeAll(SessionId session) {
        Objects.requireNonNull(session, "session");
        sql.call("session_devices.remove_all", handle -> handle
                .createUpdate("DELETE FROM session_devices WHERE session_id = :session")
                .bind("session", session.value())
                .execute());
    }

    private static Device device(ResultSet rs, StatementContext ctx) throws SQLException {
        Array capabilities = rs.getArray("capabilities");
        DeviceDescription description = new DeviceDescription(DeviceKind.parse(rs.getString("kind")),
                rs.getString("name"), rs.getString("user_agent"), Set.of((String[]) capabilities.getArray()));
        capabilities.free();
        return new Device(new DeviceId(rs.getString("device_id")), description, SqlTime.instant(rs, "connected_at"),
                SqlTime.instant(rs, "last_seen_at"), rs.getBoolean("online"));
    }
}
