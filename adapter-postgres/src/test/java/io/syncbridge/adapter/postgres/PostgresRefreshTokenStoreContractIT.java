package io.syncbridge.adapter.postgres;

import io.syncbridge.port.out.RefreshTokenStore;
import io.syncbridge.port.out.contract.RefreshTokenStoreContract;
import io.syncbridge.port.out.contract.MutableClock;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The RefreshTokenStore contract against PostgreSQL, in a schema of its own that is dropped afterwards. */
class PostgresRefreshTokenStoreContractIT extends RefreshTokenStoreContract {

    @RegisterExtension
    static final ScratchSchemaExtension schema = new ScratchSchemaExtension();

    @Override
    protected RefreshTokenStore create(MutableClock clock) {
        return new PostgresRefreshTokenStore(schema.emptied());
    }
}
