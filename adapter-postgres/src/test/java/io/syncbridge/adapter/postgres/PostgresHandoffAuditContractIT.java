package io.syncbridge.adapter.postgres;

import io.syncbridge.port.out.HandoffAudit;
import io.syncbridge.port.out.contract.HandoffAuditContract;
import io.syncbridge.port.out.contract.MutableClock;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The HandoffAudit contract against PostgreSQL, in a schema of its own that is dropped afterwards. */
class PostgresHandoffAuditContractIT extends HandoffAuditContract {

    @RegisterExtension
    static final ScratchSchemaExtension schema = new ScratchSchemaExtension();

    @Override
    protected HandoffAudit create(MutableClock clock) {
        return new PostgresHandoffAudit(schema.emptied());
    }
}
