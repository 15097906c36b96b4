package io.syncbridge.client;

/** Where a live session's link to the server stands. */
public enum Status {
    /** Opening a connection and authenticating. */
    CONNECTING,
    /** Authenticated and caught up: changes go to the server as they are made. */
    ONLINE,
    /** No connection: changes queue and a reconnection is scheduled. */
    OFFLINE,
    /** Authenticated, catching up with what the server did meanwhile (Catchup or a reset snapshot). */
    RESYNCING,
    /** Closed by the application, or the session ended on the server; nothing reconnects. */
    CLOSED
}
