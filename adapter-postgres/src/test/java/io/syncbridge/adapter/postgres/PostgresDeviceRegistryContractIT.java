package io.syncbridge.adapter.postgres;

import io.syncbridge.port.out.DeviceRegistry;
import io.syncbridge.port.out.contract.DeviceRegistryContract;
import io.syncbridge.port.out.contract.MutableClock;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The DeviceRegistry contract against PostgreSQL, in a schema of its own that is dropped afterwards. */
class PostgresDeviceRegistryContractIT extends DeviceRegistryContract {

    @RegisterExtension
    static final ScratchSchemaExtension schema = new ScratchSchemaExtension();

    @Override
    protected DeviceRegistry create(MutableClock clock) {
        return new PostgresDeviceRegistry(schema.emptied());
    }
}
