package io.syncbridge.adapter.redis;

import io.syncbridge.port.out.GrantStore;
import io.syncbridge.port.out.contract.GrantStoreContract;
import io.syncbridge.port.out.contract.MutableClock;

/** The grant store contract on the Redis at 127.0.0.1:6379, under a key prefix of its own. */
class RedisGrantStoreContractIT extends GrantStoreContract {

    private RedisTestBed bed;

    @Override
    protected GrantStore create(MutableClock clock) {
        bed = RedisTestBed.standalone();
        return new RedisGrantStore(bed.connect(), clock);
    }

    @Override
    protected void cleanUp() throws Exception {
        bed.close();
    }
}
