package io.syncbridge.adapter.rabbit;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the RabbitMQ event stream: where the broker is, the topology names, and how the
 * outbox relay batches, waits for confirms and backs off.
 *
 * @param url                    {@code amqp://user:password@host:5672/vhost} ({@code amqps://} for TLS);
 *                               no path or an empty one means the default vhost {@code /}
 * @param topology               exchange, example queue and dead-letter names
 * @param batchSize              how many pending events the relay reads from the outbox at a time
 * @param minBackoff             the wait after the first failed attempt; it doubles with every further one
 * @param maxBackoff             the longest wait between attempts
 * @param confirmTimeout         how long the relay waits for the broker to confirm a publish
 * @param pollInterval           how often an idle relay looks at the outbox without being nudged
 *                               (events appended by another process, restarts)
 * @param recoveryInterval       the pause between automatic reconnection attempts of the client
 * @param declareExampleConsumer whether the relay also declares the example queue and dead-letter objects
 */
public record RabbitConfig(String url, EventTopology topology, int batchSize, Duration minBackoff, Duration maxBackoff,
                           Duration confirmTimeout, Duration pollInterval, Duration recoveryInterval,
                           boolean declareExampleConsumer) {

    public static final String DEFAULT_URL = "amqp://guest:guest@127.0.0.1:5672/%2F";

    public RabbitConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(topology, "topology");
        requirePositive("minBackoff", minBackoff);
        requirePositive("maxBackoff", maxBackoff);
        requirePositive("confirmTimeout", confirmTimeout);
        requirePositive("pollInterval", pollInterval);
        requirePositive("recoveryInterval", recoveryInterval);
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("batchSize must be between 1 and 10000, was " + batchSize);
        }
        if (maxBackoff.compareTo(minBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff must not be shorter than minBackoff");
        }
        requireAmqpUrl(url);
    }

    /**
     * The defaults for a broker at {@code url}: exchange {@code syncbridge.events}, batches of 1,000,
     * backoff 100 ms to 500 ms and reconnection attempts every 500 ms, so that a backlog starts to
     * drain within about a second of the broker's return (a few cheap attempts a second meanwhile).
     */
    public static RabbitConfig defaults(String url) {
        return new RabbitConfig(url, EventTopology.defaults(), 1_000, Duration.ofMillis(100), Duration.ofMillis(500),
                Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofMillis(500), false);
    }

    public RabbitConfig withTopology(EventTopology newTopology) {
        return new RabbitConfig(url, newTopology, batchSize, minBackoff, maxBackoff, confirmTimeout, pollInterval,
                recoveryInterval, declareExampleConsumer);
    }

    /** Publishes to {@code exchange}, with the example queue and dead-letter names derived from it. */
    public RabbitConfig withExchange(String exchange) {
        return withTopology(EventTopology.forExchange(exchange));
    }

    public RabbitConfig withBatchSize(int newBatchSize) {
        return new RabbitConfig(url, topology, newBatchSize, minBackoff, maxBackoff, confirmTimeout, pollInterval,
                recoveryInterval, declareExampleConsumer);
    }

    public RabbitConfig withBackoff(Duration min, Duration max) {
        return new RabbitConfig(url, topology, batchSize, min, max, confirmTimeout, pollInterval, recoveryInterval,
                declareExampleConsumer);
    }

    public RabbitConfig withConfirmTimeout(Duration timeout) {
        return new RabbitConfig(url, topology, batchSize, minBackoff, maxBackoff, timeout, pollInterval,
                recoveryInterval, declareExampleConsumer);
    }

    public RabbitConfig withPollInterval(Duration interval) {
        return new RabbitConfig(url, topology, batchSize, minBackoff, maxBackoff, confirmTimeout, interval,
                recoveryInterval, declareExampleConsumer);
    }

    public RabbitConfig withRecoveryInterval(Duration interval) {
        return new RabbitConfig(url, topology, batchSize, minBackoff, maxBackoff, confirmTimeout, pollInterval,
                interval, declareExampleConsumer);
    }

    public RabbitConfig withExampleConsumer(boolean declare) {
        return new RabbitConfig(url, topology, batchSize, minBackoff, maxBackoff, confirmTimeout, pollInterval,
                recoveryInterval, declare);
    }

    /** The URL with its password masked, for logs and health output. */
    public String redactedUrl() {
        URI uri = URI.create(url);
        String userInfo = uri.getRawUserInfo();
        if (userInfo == null || !userInfo.contains(":")) {
            return url;
        }
        String user = userInfo.substring(0, userInfo.indexOf(':'));
        return url.replace("://" + userInfo + "@", "://" + user + ":***@");
    }

    @Override
    public String toString() {
        return "RabbitConfig[url=" + redactedUrl() + ", topology=" + topology + ", batchSize=" + batchSize
                + ", minBackoff=" + minBackoff + ", maxBackoff=" + maxBackoff + ", confirmTimeout=" + confirmTimeout
                + ", pollInterval=" + pollInterval + ", recoveryInterval=" + recoveryInterval
                + ", declareExampleConsumer=" + declareExampleConsumer + "]";
    }

    private static void requirePositive(String what, Duration duration) {
        Objects.requireNonNull(duration, what);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + duration);
        }
    }

    private static void requireAmqpUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("RabbitMQ URL is not a valid URI (expected amqp://user:password@host:5672/vhost): "
                    + e.getMessage(), e);
        }
        String scheme = uri.getScheme();
        if (!"amqp".equalsIgnoreCase(scheme) && !"amqps".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("RabbitMQ URL must start with amqp:// or amqps://");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("RabbitMQ URL needs a host (expected amqp://user:password@host:5672/vhost)");
        }
        String path = uri.getRawPath();
        if (path != null && path.indexOf('/', 1) != -1) {
            throw new IllegalArgumentException("RabbitMQ URL path is the vhost and must not contain '/': encode it as %2F");
        }
    }
}
