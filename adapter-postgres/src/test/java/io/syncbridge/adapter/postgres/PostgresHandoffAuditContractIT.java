package io.syncbridge.adapter.postgres;

import io.syncbridge.port.out.HandoffAudit;
import io.syncbridge.port.out.contract.HandoffAuditContract;
import io.syncbridge.port.out.contract.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The HandoffAudit contract against PostgreSQL, in a schema of its own that is dropped afterwards. */
class PostgresHandoffAuditContractIT extends HandoffAuditContract {

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
    protected HandoffAudit create(MutableClock clock) {
        schema.truncateAll();
        return new PostgresHandoffAudit(schema.database());
    }
}
