package io.syncbridge.client;

import io.syncbridge.domain.state.JsonObject;
import io.syncbridge.domain.state.PatchOperation;
import java.util.List;

/**
 * A change this live session did not make, as the client applied it under its pending changes:
 * the version it produced, who made it and what it did. A reset (the server's log no longer
 * reached back, so the client took the server's whole state) arrives as one change with
 * {@code reset} true, no operations, and the state it was reset to.
 */
public record RemoteChange(long version, String deviceId, String mutationId, List<PatchOperation> operations,
                           boolean reset, JsonObject resetState) {
    public RemoteChange {
        operations = List.copyOf(operations);
    }
}
