package io.syncbridge.adapter.postgres;

import io.syncbridge.port.out.DeviceRegistry;
import io.syncbridge.port.out.contract.DeviceRegistryContract;
import io.syncbridge.port.out.contract.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The DeviceRegistry contract against PostgreSQL, in a schema of its own that is dropped afterwards. */
class PostgresDeviceRegistryContractIT extends DeviceRegistryContract {

    private static ScratchSchema schema;

    @BeforeAll
    static void openSchema() {
        schema = ScratchSchema.open();
    }

    @AfterAll
    static void dropSchema() {
        schema.close();
    }

    @Override
    protected DeviceRegistry create(MutableClock clock) {
        schema.truncateAll();
        return new PostgresDeviceRegistry(schema.database());
    }
}
