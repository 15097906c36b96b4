package io.syncbridge.inmemory;

import io.syncbridge.port.out.DeviceRegistry;
import io.syncbridge.port.out.contract.DeviceRegistryContract;
import io.syncbridge.port.out.contract.MutableClock;

class InMemoryDeviceRegistryContractTest extends DeviceRegistryContract {

    @Override
    protected DeviceRegistry create(MutableClock clock) {
        return new InMemoryDeviceRegistry();
    }
}
