package io.syncbridge.inmemory;

import io.syncbridge.port.out.GrantStore;
import io.syncbridge.port.out.contract.GrantStoreContract;
import io.syncbridge.port.out.contract.MutableClock;

class InMemoryGrantStoreContractTest extends GrantStoreContract {

    @Override
    protected GrantStore create(MutableClock clock) {
        return new InMemoryGrantStore(clock);
    }
}
