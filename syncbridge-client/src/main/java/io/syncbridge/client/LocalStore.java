package io.syncbridge.client;

import io.syncbridge.domain.state.JsonObject;
import java.util.List;

/**
 * Where a client keeps what must outlive the process: the last server state and version it knew
 * and the changes not yet acknowledged. A queued change is durable when {@link #append} returns.
 * Called from one thread at a time.
 */
public interface LocalStore extends AutoCloseable {

    /** What the store holds: the last known server state and version, and the pending changes in order. */
    record Contents(JsonObject state, long version, List<PendingChange> pending) {
        public static final Contents EMPTY = new Contents(JsonObject.EMPTY, 0, List.of());

        public Contents {
            pending = List.copyOf(pending);
        }
    }

    Contents load();

    /** Queues a change; durable (synced to disk, for a file store) when this returns. */
    void append(PendingChange change);

    /** The change's operations were replaced (a custom merge of a conflict). */
    void replace(PendingChange change);

    /** The change was acknowledged or dropped: it is no longer pending. */
    void remove(String mutationId);

    /** The server state and version now known; a store may keep it lazily (a resume starts from it). */
    void checkpoint(JsonObject state, long version);

    @Override
    void close();
}
