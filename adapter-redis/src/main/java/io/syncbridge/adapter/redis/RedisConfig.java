package io.syncbridge.adapter.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach Redis: one address or the seed nodes of a cluster, credentials, TLS, timeouts,
 * pool size and the prefix put in front of every key (so that several deployments or test runs
 * can share one Redis).
 *
 * @param nodes          one address for a single Redis; the seed nodes when {@code cluster}
 * @param cluster        whether {@code nodes} are seeds of a Redis Cluster
 * @param username       ACL user, when the server uses ACLs
 * @param password       {@code REDIS_PASSWORD}; never printed
 * @param tls            connect over TLS with the JVM's trust store
 * @param connectTimeout how long to wait for a TCP (and TLS) connection
 * @param commandTimeout how long to wait for a reply; also bounds the health probe
 * @param poolSize       connections per node in the pool
 * @param keyPrefix      prepended to every key and channel; must not contain braces
 */
public record RedisConfig(List<Endpoint> nodes, boolean cluster, Optional<String> username, Optional<String> password,
                          boolean tls, Duration connectTimeout, Duration commandTimeout, int poolSize,
                          String keyPrefix) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(2);
    public static final int DEFAULT_POOL_SIZE = 32;
    public static final String DEFAULT_KEY_PREFIX = "sb:";

    public RedisConfig {
        nodes = List.copyOf(Objects.requireNonNull(nodes, "nodes"));
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("at least one Redis node is needed");
        }
        if (!cluster && nodes.size() > 1) {
            throw new IllegalArgumentException("a single Redis takes one address; use cluster mode for several");
        }
        if (belowOneMilli(connectTimeout) || belowOneMilli(commandTimeout)) {
            throw new IllegalArgumentException("Redis timeouts must be at least 1 ms");
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("Redis pool size must be at least 1");
        }
        // A brace in the prefix would become the hash tag and put all sessions in one slot.
        if (keyPrefix.indexOf('{') >= 0 || keyPrefix.indexOf('}') >= 0) {
            throw new IllegalArgumentException("Redis key prefix must not contain braces: " + keyPrefix);
        }
    }

    /** A single Redis at {@code host:port} (as in {@code REDIS_ADDR}), with defaults for the rest. */
    public static RedisConfig standalone(String address) {
        return new RedisConfig(List.of(Endpoint.parse(address)), false, Optional.empty(), Optional.empty(), false,
                DEFAULT_CONNECT_TIMEOUT, DEFAULT_COMMAND_TIMEOUT, DEFAULT_POOL_SIZE, DEFAULT_KEY_PREFIX);
    }

    /** A Redis Cluster from comma-separated seed nodes (as in {@code REDIS_CLUSTER}). */
    public static RedisConfig cluster(String seeds) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (String seed : seeds.split(",")) {
            if (!seed.isBlank()) {
                endpoints.add(Endpoint.parse(seed.strip()));
            }
        }
        return new RedisConfig(endpoints, true, Optional.empty(), Optional.empty(), false, DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_COMMAND_TIMEOUT, DEFAULT_POOL_SIZE, DEFAULT_KEY_PREFIX);
    }

    public RedisConfig withCredentials(Optional<String> user, Optional<String> secret) {
        return new RedisConfig(nodes, cluster, user, secret, tls, connectTimeout, commandTimeout, poolSize, keyPrefix);
    }

    public RedisConfig withTls(boolean useTls) {
        return new RedisConfig(nodes, cluster, username, password, useTls, connectTimeout, commandTimeout, poolSize,
                keyPrefix);
    }

    public RedisConfig withTimeouts(Duration connect, Duration command) {
        return new RedisConfig(nodes, cluster, username, password, tls, connect, command, poolSize, keyPrefix);
    }

    public RedisConfig withPoolSize(int size) {
        return new RedisConfig(nodes, cluster, username, password, tls, connectTimeout, commandTimeout, size,
                keyPrefix);
    }

    public RedisConfig withKeyPrefix(String prefix) {
        return new RedisConfig(nodes, cluster, username, password, tls, connectTimeout, commandTimeout, poolSize,
                prefix);
    }

    @Override
    public String toString() {
        return "RedisConfig[nodes=" + nodes + ", cluster=" + cluster + ", username=" + username.orElse("-")
                + ", password=" + (password.isPresent() ? "***" : "-") + ", tls=" + tls + ", connectTimeout="
                + connectTimeout + ", commandTimeout=" + commandTimeout + ", poolSize=" + poolSize + ", keyPrefix="
                + keyPrefix + "]";
    }

    private static boolean belowOneMilli(Duration d) {
        return d.toMillis() < 1;
    }

    /** A Redis node address. */
    public record Endpoint(String host, int port) {
        public Endpoint {
            Objects.requireNonNull(host, "host");
            if (host.isBlank()) {
                throw new IllegalArgumentException("Redis host must not be blank");
            }
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("Redis port must be between 1 and 65535: " + port);
            }
        }

        /** {@code host:port}, {@code [v6]:port}, {@code redis://host:port} or a bare host (port 6379). */
        public static Endpoint parse(String text) {
            String value = Objects.requireNonNull(text, "address").strip();
            if (value.startsWith("redis://") || value.startsWith("rediss://")) {
                value = value.substring(value.indexOf("//") + 2);
                int slash = value.indexOf('/');
                value = slash >= 0 ? value.substring(0, slash) : value;
                int at = value.lastIndexOf('@');
                value = at >= 0 ? value.substring(at + 1) : value;
            }
            int colon = value.lastIndexOf(':');
            if (colon < 0 || value.endsWith("]")) {
                return new Endpoint(unbracket(value), 6379);
            }
            try {
                return new Endpoint(unbracket(value.substring(0, colon)), Integer.parseInt(value.substring(colon + 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Redis address must be host:port, got '" + text + "'", e);
            }
        }

        private static String unbracket(String host) {
            return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        }

        @Override
        public String toString() {
            return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
        }
    }
}
