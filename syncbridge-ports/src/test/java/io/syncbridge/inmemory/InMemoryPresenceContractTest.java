package io.syncbridge.inmemory;

import io.syncbridge.port.out.Presence;
import io.syncbridge.port.out.contract.PresenceContract;
import io.syncbridge.port.out.contract.MutableClock;

class InMemoryPresenceContractTest extends PresenceContract {

    @Override
    protected Presence create(MutableClock clock) {
        return new InMemoryPresence(clock);
    }
}
