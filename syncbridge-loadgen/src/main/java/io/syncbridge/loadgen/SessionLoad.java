package io.syncbridge.loadgen;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One session of a load run: its id, its owner, and how many of its devices are connected now
 * (a sender expects every other connected device to get its update).
 */
record SessionLoad(String sessionId, String userId, AtomicInteger connected) {

    SessionLoad {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(connected, "connected");
    }

    SessionLoad(String sessionId, String userId) {
        this(sessionId, userId, new AtomicInteger());
    }
}
