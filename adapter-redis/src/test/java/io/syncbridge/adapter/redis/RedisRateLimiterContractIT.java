package io.syncbridge.adapter.redis;

import io.syncbridge.port.out.RateLimiter;
import io.syncbridge.port.out.contract.MutableClock;
import io.syncbridge.port.out.contract.RateLimiterContract;

/** The rate limiter contract on the Redis at 127.0.0.1:6379. */
class RedisRateLimiterContractIT extends RateLimiterContract {

    private RedisTestBed bed;

    @Override
    protected RateLimiter create(MutableClock clock) {
        bed = RedisTestBed.standalone();
        return new RedisRateLimiter(bed.connect(), clock);
    }

    @Override
    protected void cleanUp() throws Exception {
        bed.close();
    }
}
