package io.syncbridge.adapter.redis;

import java.time.Duration;

/**
 * Hook for timing Redis calls (the server turns it into Micrometer timers); this module stays free
 * of any metrics library. Called on the calling thread after every call, so it must be cheap.
 */
@FunctionalInterface
public interface RedisCallObserver {

    RedisCallObserver NONE = (operation, took, succeeded) -> {
    };

    /**
     * One call to Redis finished.
     *
     * @param operation a stable low-cardinality name such as {@code session.commit}
     * @param took      wall time of the call, round trip included
     * @param succeeded false when Redis was unreachable or answered with an error
     */
    void completed(String operation, Duration took, boolean succeeded);
}
