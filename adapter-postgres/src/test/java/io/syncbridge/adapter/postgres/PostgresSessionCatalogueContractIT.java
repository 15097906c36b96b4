package io.syncbridge.adapter.postgres;

import io.syncbridge.port.out.SessionCatalogue;
import io.syncbridge.port.out.contract.SessionCatalogueContract;
import io.syncbridge.port.out.contract.MutableClock;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SessionCatalogue contract against PostgreSQL, in a schema of its own that is dropped afterwards. */
class PostgresSessionCatalogueContractIT extends SessionCatalogueContract {

    @RegisterExtension
    static final ScratchSchemaExtension schema = new ScratchSchemaExtension();

    @Override
    protected SessionCatalogue create(MutableClock clock) {
        return new PostgresSessionCatalogue(schema.emptied());
    }
}
