package io.syncbridge.adapter.redis;

import io.syncbridge.port.out.Presence;
import io.syncbridge.port.out.contract.MutableClock;
import io.syncbridge.port.out.contract.PresenceContract;

/** The presence contract on the Redis at 127.0.0.1:6379. */
class RedisPresenceContractIT extends PresenceContract {

    private RedisTestBed bed;

    @Override
    protected Presence create(MutableClock clock) {
        bed = RedisTestBed.standalone();
        return new RedisPresence(bed.connect(), clock);
    }

    @Override
    protected void cleanUp() throws Exception {
        bed.close();
    }
}
