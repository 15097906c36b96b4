package io.syncbridge.adapter.postgres;

import io.syncbridge.port.out.EventOutbox;
import io.syncbridge.port.out.contract.EventOutboxContract;
import io.syncbridge.port.out.contract.MutableClock;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The EventOutbox contract against PostgreSQL, in a schema of its own that is dropped afterwards. */
class PostgresEventOutboxContractIT extends EventOutboxContract {

    @RegisterExtension
    static final ScratchSchemaExtension schema = new ScratchSchemaExtension();

    @Override
    protected EventOutbox create(MutableClock clock) {
        return new PostgresEventOutbox(schema.emptied(), clock);
    }
}
