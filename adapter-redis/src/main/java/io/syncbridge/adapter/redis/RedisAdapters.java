package io.syncbridge.adapter.redis;

import io.syncbridge.domain.session.SessionPolicy;
import io.syncbridge.domain.time.Clock;
import java.util.Objects;

/**
 * Every Redis implementation of a driven port, built over one connection, for the code that wires
 * the server: the session store is also the change log, and the feed is the one its commits publish to.
 */
public record RedisAdapters(RedisConnection connection, RedisSessionStore sessions, RedisChangeFeed feed,
                            RedisSnapshotStore snapshots, RedisPresence presence, RedisRateLimiter rateLimiter,
                            RedisHandoffTokenStore handoffTokens, RedisGrantStore grants) implements AutoCloseable {

    public RedisAdapters {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(feed, "feed");
        Objects.requireNonNull(snapshots, "snapshots");
        Objects.requireNonNull(presence, "presence");
        Objects.requireNonNull(rateLimiter, "rateLimiter");
        Objects.requireNonNull(handoffTokens, "handoffTokens");
        Objects.requireNonNull(grants, "grants");
    }

    public static RedisAdapters create(RedisConnection connection, SessionPolicy policy, Clock clock) {
        return new RedisAdapters(connection, new RedisSessionStore(connection, policy, clock),
                new RedisChangeFeed(connection), new RedisSnapshotStore(connection, clock),
                new RedisPresence(connection, clock), new RedisRateLimiter(connection, clock),
                new RedisHandoffTokenStore(connection, clock), new RedisGrantStore(connection, clock));
    }

    /** Closes the feed's subscriptions and then the connection. */
    @Override
    public void close() {
        feed.close();
        connection.close();
    }
}
