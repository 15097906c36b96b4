package io.syncbridge.adapter.javalin.ws;

import io.syncbridge.port.in.DevicesUseCase;
import io.syncbridge.port.in.GrantsUseCase;
import io.syncbridge.port.in.HandoffUseCase;
import io.syncbridge.port.in.SessionsUseCase;
import io.syncbridge.port.in.StateSyncUseCase;
import java.util.Objects;

/** The driving ports of the core that the WebSocket gateway calls. */
record GatewayCore(SessionsUseCase sessions, StateSyncUseCase sync, DevicesUseCase devices, HandoffUseCase handoffs,
                   GrantsUseCase grants) {
    GatewayCore {
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(sync, "sync");
        Objects.requireNonNull(devices, "devices");
        Objects.requireNonNull(handoffs, "handoffs");
        Objects.requireNonNull(grants, "grants");
    }
}
