package io.syncbridge.inmemory;

import io.syncbridge.port.out.SessionCatalogue;
import io.syncbridge.port.out.contract.SessionCatalogueContract;
import io.syncbridge.port.out.contract.MutableClock;

class InMemorySessionCatalogueContractTest extends SessionCatalogueContract {

    @Override
    protected SessionCatalogue create(MutableClock clock) {
        return new InMemorySessionCatalogue();
    }
}
