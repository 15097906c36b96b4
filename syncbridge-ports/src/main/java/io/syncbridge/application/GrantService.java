package io.syncbridge.application;

import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.UserId;
import io.syncbridge.port.in.GrantsUseCase;
import io.syncbridge.port.out.GrantStore.Grant;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Application service: records device grants (under their login's family) and answers whether a grant is live. */
final class GrantService implements GrantsUseCase {

    private final DrivenPorts ports;

    GrantService(DrivenPorts ports) {
        this.ports = Objects.requireNonNull(ports, "ports");
    }

    @Override
    public String grantDevice(UserId user, SessionId session, DeviceId device, Optional<String> parentGrant,
                              Instant end) {
        Optional<String> family = parentGrant.flatMap(ports.grants()::find).flatMap(Grant::family);
        String id = ports.ids().newId();
        ports.grants().issue(Grant.device(id, user, session, device, family, end));
        return id;
    }

    @Override
    public boolean isLive(String grantId) {
        return ports.grants().isLive(grantId);
    }
}
