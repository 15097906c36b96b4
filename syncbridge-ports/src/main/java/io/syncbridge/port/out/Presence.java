package io.syncbridge.port.out;

import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.session.SessionId;
import java.time.Duration;
import java.util.Set;

/**
 * Driven port: which devices of a session have open connections, on any node. Each connection
 * is an entry that expires unless refreshed, so that a node that dies leaves no ghosts.
 */
public interface Presence {

    /** Records an open connection; returns true when it is the device's first. */
    boolean connected(SessionId session, DeviceId device, String connectionId, Duration ttl);

    /**
     * Records an open connection, as {@link #connected}, and answers the devices online right
     * after it (this one included), as {@link #online}: what a joining device is told. An adapter
     * whose store can do both in one round trip overrides this.
     */
    default Set<DeviceId> connectedAndOnline(SessionId session, DeviceId device, String connectionId, Duration ttl) {
        connected(session, device, connectionId, ttl);
        return online(session);
    }

    /** Keeps a connection's entry alive for another {@code ttl}. */
    void refresh(SessionId session, DeviceId device, String connectionId, Duration ttl);

    /** Removes a connection; returns true when the device has no connection left. */
    boolean disconnected(SessionId session, DeviceId device, String connectionId);

    /** The devices with at least one live connection. */
    Set<DeviceId> online(SessionId session);
}
