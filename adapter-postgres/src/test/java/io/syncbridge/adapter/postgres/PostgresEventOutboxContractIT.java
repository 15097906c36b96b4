package io.syncbridge.adapter.postgres;

import io.syncbridge.port.out.EventOutbox;
import io.syncbridge.port.out.contract.EventOutboxContract;
import io.syncbridge.port.out.contract.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The EventOutbox contract against PostgreSQL, in a schema of its own that is dropped afterwards. */
class PostgresEventOutboxContractIT extends EventOutboxContract {

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
    protected EventOutbox create(MutableClock clock) {
        schema.truncateAll();
        return new PostgresEventOutbox(schema.database(), clock);
    }
}
