package io.syncbridge.adapter.postgres;

import io.syncbridge.port.out.SnapshotStore;
import io.syncbridge.port.out.contract.MutableClock;
import io.syncbridge.port.out.contract.SnapshotStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SnapshotStore contract against PostgreSQL, in a schema of its own that is dropped afterwards. */
class PostgresSnapshotStoreContractIT extends SnapshotStoreContract {

    @RegisterExtension
    static final ScratchSchemaExtension schema = new ScratchSchemaExtension();

    @Override
    protected SnapshotStore create(MutableClock clock) {
        return new PostgresSnapshotStore(schema.emptied(), clock);
    }
}
