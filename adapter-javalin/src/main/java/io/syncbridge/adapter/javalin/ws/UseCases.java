package io.syncbridge.adapter.javalin.ws;

import io.syncbridge.port.in.DevicesUseCase;
import io.syncbridge.port.in.HandoffUseCase;
import io.syncbridge.port.in.SessionsUseCase;
import io.syncbridge.port.in.StateSyncUseCase;
import java.util.Objects;

/** The driving ports of the core that the WebSocket gateway calls. */
record UseCases(SessionsUseCase sessions, StateSyncUseCase sync, DevicesUseCase devices, HandoffUseCase handoffs) {
    UseCases {
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(sync, "sync");
        Objects.requireNonNull(devices, "devices");
        Objects.requireNonNull(handoffs, "handoffs");
    }
}
