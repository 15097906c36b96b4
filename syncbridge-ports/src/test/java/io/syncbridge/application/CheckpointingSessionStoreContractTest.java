package io.syncbridge.application;

import io.syncbridge.inmemory.InMemoryChangeFeed;
import io.syncbridge.inmemory.InMemorySessionCheckpoints;
import io.syncbridge.inmemory.InMemorySessionStore;
import io.syncbridge.port.out.MetricsObserver;
import io.syncbridge.port.out.contract.MutableClock;
import io.syncbridge.port.out.contract.SessionStoreContract;
import java.time.Duration;

/** The decorated store keeps the session store's contract. */
class CheckpointingSessionStoreContractTest extends SessionStoreContract {

    private CheckpointingSessionStore store;

    @Override
    protected Fixture create(MutableClock clock, int logCapacity, Duration logMaxAge) {
        InMemoryChangeFeed feed = new InMemoryChangeFeed();
        InMemorySessionStore hot = new InMemorySessionStore(feed, clock, logCapacity, logMaxAge);
        store = new CheckpointingSessionStore(hot, new InMemorySessionCheckpoints(), clock, MetricsObserver.NONE,
                Duration.ofMillis(50));
        return new Fixture(store, hot, feed);
    }

    @Override
    protected void cleanUp() {
        store.close();
    }
}
