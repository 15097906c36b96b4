package io.syncbridge.inmemory;

import io.syncbridge.port.out.RefreshTokenStore;
import io.syncbridge.port.out.contract.RefreshTokenStoreContract;
import io.syncbridge.port.out.contract.MutableClock;

class InMemoryRefreshTokenStoreContractTest extends RefreshTokenStoreContract {

    @Override
    protected RefreshTokenStore create(MutableClock clock) {
        return new InMemoryRefreshTokenStore();
    }
}
