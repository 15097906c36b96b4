package io.syncbridge.application;

import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.snapshot.Snapshot;
import io.syncbridge.domain.snapshot.SnapshotId;
import io.syncbridge.port.out.SnapshotStore;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Snapshot store decorator: every snapshot is kept in the hot store and in a durable one. Reads
 * go to the hot store; a session of which the hot store holds no snapshot (it lost them) is
 * read from the durable copy. A failed durable write is logged and does not fail the snapshot.
 */
public final class MirroredSnapshotStore implements SnapshotStore {

    private static final System.Logger LOG = System.getLogger(MirroredSnapshotStore.class.getName());

    private final SnapshotStore hot;
    private final SnapshotStore durable;

    public MirroredSnapshotStore(SnapshotStore hot, SnapshotStore durable) {
        this.hot = Objects.requireNonNull(hot, "hot");
        this.durable = Objects.requireNonNull(durable, "durable");
    }

    @Override
    public void save(Snapshot snapshot) {
        hot.save(snapshot);
        try {
            durable.save(snapshot);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "snapshot " + snapshot.id() + " of session " + snapshot.sessionId()
                    + " has no durable copy; it is lost if the session store loses it: " + e);
        }
    }

    @Override
    public Optional<Snapshot> find(SessionId session, SnapshotId id) {
        Optional<Snapshot> found = hot.find(session, id);
        return found.isPresent() ? found : durable.find(session, id);
    }

    @Override
    public List<Snapshot> list(SessionId session, int limit, Optional<Instant> before) {
        return hot.count(session) > 0 ? hot.list(session, limit, before) : durable.list(session, limit, before);
    }

    @Override
    public int count(SessionId session) {
        int kept = hot.count(session);
        return kept > 0 ? kept : durable.count(session);
    }

    @Override
    public void deleteAll(SessionId session) {
        hot.deleteAll(session);
        durable.deleteAll(session);
    }
}
