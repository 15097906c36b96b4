package io.syncbridge.adapter.postgres;

import io.syncbridge.port.out.RefreshTokenStore;
import io.syncbridge.port.out.contract.RefreshTokenStoreContract;
import io.syncbridge.port.out.contract.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The RefreshTokenStore contract against PostgreSQL, in a schema of its own that is dropped afterwards. */
class PostgresRefreshTokenStoreContractIT extends RefreshTokenStoreContract {

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
    protected RefreshTokenStore create(MutableClock clock) {
        schema.truncateAll();
        return new PostgresRefreshTokenStore(schema.database());
    }
}
