package io.syncbridge.adapter.redis;

import io.syncbridge.port.out.HandoffTokenStore;
import io.syncbridge.port.out.contract.HandoffTokenStoreContract;
import io.syncbridge.port.out.contract.MutableClock;

/** The handoff token store contract on the Redis at 127.0.0.1:6379. */
class RedisHandoffTokenStoreContractIT extends HandoffTokenStoreContract {

    private RedisTestBed bed;

    @Override
    protected HandoffTokenStore create(MutableClock clock) {
        bed = RedisTestBed.standalone();
        return new RedisHandoffTokenStore(bed.connect(), clock);
    }

    @Override
    protected void cleanUp() throws Exception {
        bed.close();
    }
}
