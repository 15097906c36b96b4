package io.syncbridge.adapter.micrometer;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A count that is expensive to take (a store query), taken at most once per interval by whoever scrapes. */
final class CachedCount {

    private static final Logger LOG = LoggerFactory.getLogger(CachedCount.class);

    private final LongSupplier source;
    private final long maxAgeNanos;
    private long value = 0;
    private long takenAt;
    private boolean taken = false;

    CachedCount(LongSupplier source, Duration maxAge) {
        this.source = Objects.requireNonNull(source, "source");
        this.maxAgeNanos = maxAge.toNanos();
    }

    synchronized double value() {
        long now = System.nanoTime();
        if (!taken || now - takenAt >= maxAgeNanos) {
            try {
                value = source.getAsLong();
            } catch (RuntimeException e) {
                // A store that is down must not break the scrape: keep the last count and say why.
                LOG.warn("counting sessions failed, keeping the last count: {}", e.getMessage());
            }
            takenAt = now;
            taken = true;
        }
        return value;
    }
}
