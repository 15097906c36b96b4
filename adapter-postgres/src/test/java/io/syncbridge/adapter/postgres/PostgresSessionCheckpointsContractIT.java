package io.syncbridge.adapter.postgres;

import io.syncbridge.port.out.SessionCheckpoints;
import io.syncbridge.port.out.contract.SessionCheckpointsContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SessionCheckpoints contract against PostgreSQL, in a schema of its own that is dropped afterwards. */
class PostgresSessionCheckpointsContractIT extends SessionCheckpointsContract {

    @RegisterExtension
    static final ScratchSchemaExtension schema = new ScratchSchemaExtension();

    @Override
    protected SessionCheckpoints create() {
        return new PostgresSessionCheckpoints(schema.emptied(), clock);
    }
}
