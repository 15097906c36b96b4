package io.syncbridge.loadgen;

/**
 * Mints the session-scoped token one device of a load run authenticates with. The standalone
 * generator signs HS256 tokens with {@code --secret}; the server's {@code bench load} command
 * signs them with the server's own configured key, issuer and audience.
 */
@FunctionalInterface
public interface DeviceTokens {

    /** A token that lets {@code deviceId} of user {@code userId} open session {@code sessionId}. */
    String mint(String userId, String sessionId, String deviceId);
}
