package io.syncbridge.inmemory;

import io.syncbridge.port.out.AccountStore;
import io.syncbridge.port.out.contract.AccountStoreContract;
import io.syncbridge.port.out.contract.MutableClock;

class InMemoryAccountStoreContractTest extends AccountStoreContract {

    @Override
    protected AccountStore create(MutableClock clock) {
        return new InMemoryAccountStore();
    }
}
