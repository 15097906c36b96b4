package io.syncbridge.domain.time;

import java.time.Instant;

/** Where the core reads the time, so that every rule about time can be tested with a fixed clock. */
@FunctionalInterface
public interface Clock {

    Instant now();

    static Clock system() {
        return Instant::now;
    }
}
