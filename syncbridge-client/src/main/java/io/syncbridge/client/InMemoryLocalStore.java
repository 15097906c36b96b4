package io.syncbridge.client;

import io.syncbridge.domain.state.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/** A local store in memory: survives reconnections, not the process. Also the tests' store. */
public final class InMemoryLocalStore implements LocalStore {

    private final Map<String, PendingChange> pending = new LinkedHashMap<>();
    private JsonObject state = JsonObject.EMPTY;
    private long version;

    @Override
    public synchronized Contents load() {
        return new Contents(state, version, new ArrayList<>(pending.values()));
    }

    @Override
    public synchronized void append(PendingChange change) {
        pending.put(change.mutationId(), change);
    }

    @Override
    public synchronized void replace(PendingChange change) {
        pending.replace(change.mutationId(), change);
    }

    @Override
    public synchronized void remove(String mutationId) {
        pending.remove(mutationId);
    }

    @Override
    public synchronized void checkpoint(JsonObject newState, long newVersion) {
        this.state = newState;
        this.version = newVersion;
    }

    @Override
    public void close() {
    }
}
