package io.syncbridge.adapter.postgres;

import io.syncbridge.port.out.AccountStore;
import io.syncbridge.port.out.contract.AccountStoreContract;
import io.syncbridge.port.out.contract.MutableClock;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The AccountStore contract against PostgreSQL, in a schema of its own that is dropped afterwards. */
class PostgresAccountStoreContractIT extends AccountStoreContract {

    @RegisterExtension
    static final ScratchSchemaExtension schema = new ScratchSchemaExtension();

    @Override
    protected AccountStore create(MutableClock clock) {
        return new PostgresAccountStore(schema.emptied());
    }
}
