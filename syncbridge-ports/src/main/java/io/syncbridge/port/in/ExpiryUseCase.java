package io.syncbridge.port.in;

/** Driving port: the periodic sweep that warns of and carries out session expiry. */
public interface ExpiryUseCase {

    /** Warns devices of sessions expiring soon and ends those past expiry. */
    Sweep sweep();

    /** What one sweep did. */
    record Sweep(int warned, int expired) {
    }
}
