package io.syncbridge.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.snapshot.Snapshot;
import io.syncbridge.domain.snapshot.SnapshotId;
import io.syncbridge.domain.state.StateDocument;
import io.syncbridge.inmemory.InMemorySnapshotStore;
import io.syncbridge.port.out.SnapshotStore;
import io.syncbridge.port.out.contract.Fixtures;
import io.syncbridge.port.out.contract.MutableClock;
import io.syncbridge.port.out.contract.SnapshotStoreContract;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The mirrored store keeps the snapshot store's contract, and finds in the durable copy what the hot store lost. */
class MirroredSnapshotStoreContractTest extends SnapshotStoreContract {

    private InMemorySnapshotStore durable;

    @Override
    protected SnapshotStore create(MutableClock clock) {
        durable = new InMemorySnapshotStore(clock);
        return new MirroredSnapshotStore(new InMemorySnapshotStore(clock), durable);
    }

    @Test
    void snapshotsTheHotStoreLostAreReadFromTheDurableCopy() {
        SessionId session = Fixtures.sessionId();
        Snapshot snapshot = new Snapshot(new SnapshotId(Fixtures.unique("snap")), session, 3,
                StateDocument.EMPTY, "before", "phone", clock.now(), clock.now().plus(Duration.ofDays(7)));
        store().save(snapshot);
        SnapshotStore afterLoss = new MirroredSnapshotStore(new InMemorySnapshotStore(clock), durable);

        assertThat(afterLoss.find(session, snapshot.id())).contains(snapshot);
        assertThat(afterLoss.list(session, 10, Optional.empty())).containsExactly(snapshot);
        assertThat(afterLoss.count(session)).isEqualTo(1);
    }
}
