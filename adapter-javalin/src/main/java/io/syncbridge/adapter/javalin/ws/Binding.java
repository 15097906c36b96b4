package io.syncbridge.adapter.javalin.ws;

import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.UserId;
import io.syncbridge.port.in.Caller;
import java.util.Objects;

/** What an authenticated connection is bound to: who, which session, which device, which protocol. */
record Binding(Caller caller, SessionId session, DeviceId device, int protocol) {

    Binding {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(device, "device");
    }

    UserId user() {
        return caller.user();
    }

    boolean v2() {
        return protocol >= 2;
    }

    boolean sameSeat(Binding other) {
        return other != null && session.equals(other.session) && device.equals(other.device);
    }
}
