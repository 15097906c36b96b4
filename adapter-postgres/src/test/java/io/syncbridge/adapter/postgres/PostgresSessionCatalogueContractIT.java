package io.syncbridge.adapter.postgres;

import io.syncbridge.port.out.SessionCatalogue;
import io.syncbridge.port.out.contract.SessionCatalogueContract;
import io.syncbridge.port.out.contract.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The SessionCatalogue contract against PostgreSQL, in a schema of its own that is dropped afterwards. */
class PostgresSessionCatalogueContractIT extends SessionCatalogueContract {

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
    protected SessionCatalogue create(MutableClock clock) {
        schema.truncateAll();
        return new PostgresSessionCatalogue(schema.database());
    }
}
