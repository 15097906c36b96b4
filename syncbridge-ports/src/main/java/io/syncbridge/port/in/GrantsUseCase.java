package io.syncbridge.port.in;

import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.UserId;
import java.time.Instant;
import java.util.Optional;

/**
 * Driving port: the grants access tokens name ({@code grant_id}). The gateway records one for
 * every device token it mints and asks whether a presented token's grant is still live; the core
 * revokes them when a device is removed, a session deleted or a refresh family revoked.
 */
public interface GrantsUseCase {

    /**
     * Records a new grant for {@code device} of {@code session} (owned by {@code user}), ending at
     * {@code end}, and returns its id. Minted with a login's token ({@code parentGrant}), it belongs
     * to that login's refresh family too, and ends with it.
     */
    String grantDevice(UserId user, SessionId session, DeviceId device, Optional<String> parentGrant, Instant end);

    /** Whether a grant is live: issued here, not expired, not revoked. */
    boolean isLive(String grantId);
}
