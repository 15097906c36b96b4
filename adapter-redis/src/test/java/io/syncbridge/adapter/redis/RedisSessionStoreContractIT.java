package io.syncbridge.adapter.redis;

import io.syncbridge.port.out.contract.MutableClock;
import io.syncbridge.port.out.contract.SessionStoreContract;
import java.time.Duration;

/** The session store contract on the Redis at 127.0.0.1:6379; the feed listens on another node. */
class RedisSessionStoreContractIT extends SessionStoreContract {

    private RedisTestBed bed;

    @Override
    protected Fixture create(MutableClock clock, int logCapacity, Duration logMaxAge) {
        bed = RedisTestBed.standalone();
        return sessionStore(bed, clock, logCapacity, logMaxAge);
    }

    @Override
    protected void cleanUp() throws Exception {
        bed.close();
    }

    static Fixture sessionStore(RedisTestBed bed, MutableClock clock, int logCapacity, Duration logMaxAge) {
        RedisSessionStore store = new RedisSessionStore(bed.connect(), clock, logCapacity, logMaxAge);
        return new Fixture(store, store, bed.feed());
    }
}
