package io.syncbridge.port.out;

import io.syncbridge.domain.device.Device;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.session.SessionId;
import java.util.List;

/**
 * Driven port: the durable directory of the devices that joined each session (first and last
 * seen), kept beside the live roster for listings and audits that outlive the hot store.
 */
public interface DeviceRegistry {

    /** Records a device as attached (insert or update, keeping its first-seen time). */
    void record(SessionId session, Device device);

    void remove(SessionId session, DeviceId device);

    /** The session's devices in the order they first joined. */
    List<Device> list(SessionId session);

    void removeAll(SessionId session);
}
