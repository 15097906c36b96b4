package io.syncbridge.adapter.postgres;

import io.syncbridge.port.out.AccountStore;
import io.syncbridge.port.out.contract.AccountStoreContract;
import io.syncbridge.port.out.contract.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The AccountStore contract against PostgreSQL, in a schema of its own that is dropped afterwards. */
class PostgresAccountStoreContractIT extends AccountStoreContract {

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
    protected AccountStore create(MutableClock clock) {
        schema.truncateAll();
        return new PostgresAccountStore(schema.database());
    }
}
