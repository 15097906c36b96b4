package io.syncbridge.port.in;

import io.syncbridge.domain.device.Admission;
import io.syncbridge.domain.device.Device;
import io.syncbridge.domain.device.DeviceDescription;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionId;
import java.util.List;
import java.util.Objects;

/** Driving port: devices connecting to, leaving and being removed from sessions. */
public interface DevicesUseCase {

    /**
     * A connection of a device opens: the device joins the session (DeviceLimitReached when a new
     * device would exceed the limit) and is online. Several connections of one device count once.
     */
    Connected connect(Caller caller, SessionId session, DeviceId device, DeviceDescription description,
                      String connectionId);

    /** The connection is alive (a heartbeat or a pong). */
    void heartbeat(SessionId session, DeviceId device, String connectionId);

    /** A connection closed; when it was the device's last, the device goes offline. */
    void disconnect(SessionId session, DeviceId device, String connectionId);

    /** The session's devices with their online and active flags, in the order they joined. */
    List<DeviceStatus> list(Caller caller, SessionId session);

    /** Detaches a device for good; its connections are told (DeviceLeft, reason removed). */
    void remove(Caller caller, SessionId session, DeviceId device);

    /**
     * The session after the device connected, whether it was new or evicted another, and the
     * session's devices as {@link #list} gives them, read once this connection counted as online.
     */
    record Connected(Session session, Admission admission, List<DeviceStatus> devices) {
        public Connected {
            Objects.requireNonNull(session, "session");
            Objects.requireNonNull(admission, "admission");
            devices = List.copyOf(devices);
        }
    }

    record DeviceStatus(Device device, boolean online, boolean active) {
        public DeviceStatus {
            Objects.requireNonNull(device, "device");
        }
    }
}
