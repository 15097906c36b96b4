package io.syncbridge.application;

import java.time.Duration;
import java.util.Objects;

/**
 * How password checks are kept from starving the server: hashing runs on {@code hashThreads}
 * threads of its own with at most {@code hashQueue} checks waiting (more are refused at once with
 * {@code RateLimited}); after {@code failuresBeforeDelay} wrong passwords in a row for one
 * username, each further attempt for it must wait a delay that doubles up to {@code maxDelay}.
 * Tokens already issued to that user are not affected.
 */
public record LoginLimits(int hashThreads, int hashQueue, int failuresBeforeDelay, Duration maxDelay) {

    public static final LoginLimits DEFAULT = new LoginLimits(defaultThreads(), 8, 5, Duration.ofMinutes(1));

    public LoginLimits {
        if (hashThreads < 1 || hashQueue < 0 || failuresBeforeDelay < 1) {
            throw new IllegalArgumentException("need hashThreads >= 1, hashQueue >= 0, failuresBeforeDelay >= 1");
        }
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (maxDelay.isNegative() || maxDelay.isZero()) {
            throw new IllegalArgumentException("maxDelay must be positive");
        }
    }

    /** Half the processors (at least one): the other half stays free for everything else. */
    public static int defaultThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }
}
