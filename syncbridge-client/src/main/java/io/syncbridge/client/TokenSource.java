package io.syncbridge.client;

/**
 * Where the client gets an access token: a session-scoped token for this device and session, or a
 * user token (the client adds the session and device ids). Called for the first connection and
 * again whenever the server says the token in use expired or is invalid; it may block (a refresh
 * call) and runs on the client's connection thread.
 */
@FunctionalInterface
public interface TokenSource {
    String token() throws Exception;
}
