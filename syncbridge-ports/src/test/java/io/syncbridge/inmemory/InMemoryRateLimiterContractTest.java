package io.syncbridge.inmemory;

import io.syncbridge.port.out.RateLimiter;
import io.syncbridge.port.out.contract.RateLimiterContract;
import io.syncbridge.port.out.contract.MutableClock;

class InMemoryRateLimiterContractTest extends RateLimiterContract {

    @Override
    protected RateLimiter create(MutableClock clock) {
        return new InMemoryRateLimiter(clock);
    }
}
