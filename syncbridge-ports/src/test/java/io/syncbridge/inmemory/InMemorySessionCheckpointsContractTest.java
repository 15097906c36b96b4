package io.syncbridge.inmemory;

import io.syncbridge.port.out.SessionCheckpoints;
import io.syncbridge.port.out.contract.SessionCheckpointsContract;

class InMemorySessionCheckpointsContractTest extends SessionCheckpointsContract {

    @Override
    protected SessionCheckpoints create() {
        return new InMemorySessionCheckpoints();
    }
}
