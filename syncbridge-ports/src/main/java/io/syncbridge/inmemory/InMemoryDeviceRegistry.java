package io.syncbridge.inmemory;

import io.syncbridge.domain.device.Device;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.port.out.DeviceRegistry;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Device registry adapter: each session's devices in memory, in the order they were first
 * recorded. Each session's roster is replaced as a whole (copy on write), so reads need no lock.
 */
public final class InMemoryDeviceRegistry implements DeviceRegistry {

    private final ConcurrentHashMap<SessionId, Map<DeviceId, Device>> sessions = new ConcurrentHashMap<>();

    @Override
    public void record(SessionId session, Device device) {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(device, "device");
        sessions.compute(session, (id, devices) -> {
            // LinkedHashMap keeps a re-recorded device at the position of its first recording.
            Map<DeviceId, Device> next = devices == null ? new LinkedHashMap<>() : new LinkedHashMap<>(devices);
            next.put(device.id(), device);
            return Collections.unmodifiableMap(next);
        });
    }

    @Override
    public void remove(SessionId session, DeviceId device) {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(device, "device");
        sessions.computeIfPresent(session, (id, devices) -> {
            Map<DeviceId, Device> next = new LinkedHashMap<>(devices);
            next.remove(device);
            return next.isEmpty() ? null : Collections.unmodifiableMap(next);
        });
    }

    @Override
    public List<Device> list(SessionId session) {
        Map<DeviceId, Device> devices = sessions.get(Objects.requireNonNull(session, "session"));
        return devices == null ? List.of() : List.copyOf(devices.values());
    }

    @Override
    public void removeAll(SessionId session) {
        sessions.remove(Objects.requireNonNull(session, "session"));
    }
}
