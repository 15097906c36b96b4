package io.syncbridge.inmemory;

import io.syncbridge.port.out.ChangeFeed;
import io.syncbridge.port.out.contract.ChangeFeedContract;

class InMemoryChangeFeedContractTest extends ChangeFeedContract {

    @Override
    protected ChangeFeed create() {
        return new InMemoryChangeFeed();
    }
}
