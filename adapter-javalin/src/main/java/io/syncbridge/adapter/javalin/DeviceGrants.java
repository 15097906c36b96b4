package io.syncbridge.adapter.javalin;

import io.syncbridge.port.in.GrantsUseCase;
import io.syncbridge.port.out.TokenGrant;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Mints the grant behind a new device token: recorded in the core (so removing the device,
 * deleting the session or revoking the login that minted it revokes it), ending
 * {@link TokenGrant#DEVICE_GRANT_LIFETIME} after {@code now}.
 */
public final class DeviceGrants {

    private DeviceGrants() {
    }

    /**
     * {@code token} (a session-scoped grant) named after a newly recorded grant; {@code parentGrant}
     * is the grant of the token that asked for it, whose login the new grant joins.
     */
    public static TokenGrant recorded(GrantsUseCase grants, TokenGrant token, Optional<String> parentGrant,
                                      Instant now) {
        Objects.requireNonNull(grants, "grants");
        Instant end = now.plus(TokenGrant.DEVICE_GRANT_LIFETIME);
        String id = grants.grantDevice(token.user(), token.session().orElseThrow(), token.device().orElseThrow(),
                parentGrant, end);
        return token.withGrant(id, end);
    }
}
