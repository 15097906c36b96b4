package io.syncbridge.inmemory;

import io.syncbridge.port.out.SnapshotStore;
import io.syncbridge.port.out.contract.SnapshotStoreContract;
import io.syncbridge.port.out.contract.MutableClock;

class InMemorySnapshotStoreContractTest extends SnapshotStoreContract {

    @Override
    protected SnapshotStore create(MutableClock clock) {
        return new InMemorySnapshotStore(clock);
    }
}
