package io.syncbridge.adapter.postgres;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives a test class a {@link ScratchSchema} of its own for all its tests and drops it afterwards:
 * {@code @RegisterExtension static final ScratchSchemaExtension schema = new ScratchSchemaExtension();}
 */
final class ScratchSchemaExtension implements BeforeAllCallback, AfterAllCallback {

    private ScratchSchema schema;

    @Override
    public void beforeAll(ExtensionContext context) {
        schema = ScratchSchema.open();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        schema.close();
    }

    /** The class's schema, emptied of every row, for a fresh store in each test. */
    PostgresDatabase emptied() {
        schema.truncateAll();
        return schema.database();
    }
}
