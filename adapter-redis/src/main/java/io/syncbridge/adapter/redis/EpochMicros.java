package io.syncbridge.adapter.redis;

import java.time.Instant;

/** Instants as epoch microseconds: exact in a Lua number and a sorted-set score for two centuries. */
final class EpochMicros {

    private EpochMicros() {
    }

    static long of(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }
}
