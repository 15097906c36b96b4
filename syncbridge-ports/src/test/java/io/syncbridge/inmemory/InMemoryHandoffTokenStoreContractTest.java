package io.syncbridge.inmemory;

import io.syncbridge.port.out.HandoffTokenStore;
import io.syncbridge.port.out.contract.HandoffTokenStoreContract;
import io.syncbridge.port.out.contract.MutableClock;

class InMemoryHandoffTokenStoreContractTest extends HandoffTokenStoreContract {

    @Override
    protected HandoffTokenStore create(MutableClock clock) {
        return new InMemoryHandoffTokenStore(clock);
    }
}
