package io.syncbridge.adapter.redis;

import io.syncbridge.port.out.SnapshotStore;
import io.syncbridge.port.out.contract.MutableClock;
import io.syncbridge.port.out.contract.SnapshotStoreContract;

/** The snapshot store contract on the Redis at 127.0.0.1:6379. */
class RedisSnapshotStoreContractIT extends SnapshotStoreContract {

    private RedisTestBed bed;

    @Override
    protected SnapshotStore create(MutableClock clock) {
        bed = RedisTestBed.standalone();
        return new RedisSnapshotStore(bed.connect(), clock);
    }

    @Override
    protected void cleanUp() throws Exception {
        bed.close();
    }
}
