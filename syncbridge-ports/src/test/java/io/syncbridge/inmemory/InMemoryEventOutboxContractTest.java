package io.syncbridge.inmemory;

import io.syncbridge.port.out.EventOutbox;
import io.syncbridge.port.out.contract.EventOutboxContract;
import io.syncbridge.port.out.contract.MutableClock;

class InMemoryEventOutboxContractTest extends EventOutboxContract {

    @Override
    protected EventOutbox create(MutableClock clock) {
        return new InMemoryEventOutbox(clock, 10_000);
    }
}
