package io.syncbridge.inmemory;

import io.syncbridge.port.out.contract.MutableClock;
import io.syncbridge.port.out.contract.SessionStoreContract;
import java.time.Duration;

class InMemorySessionStoreContractTest extends SessionStoreContract {

    @Override
    protected Fixture create(MutableClock clock, int logCapacity, Duration logMaxAge) {
        InMemoryChangeFeed feed = new InMemoryChangeFeed();
        InMemorySessionStore store = new InMemorySessionStore(feed, clock, logCapacity, logMaxAge);
        return new Fixture(store, store, feed);
    }
}
