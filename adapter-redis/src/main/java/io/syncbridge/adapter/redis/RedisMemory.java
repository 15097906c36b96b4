package io.syncbridge.adapter.redis;

import java.util.Objects;

/**
 * What {@code INFO memory} says of one Redis node: {@code used_memory} and {@code maxmemory}
 * (0 when the node has no limit). {@code node} is {@code host:port}.
 */
public record RedisMemory(String node, long usedBytes, long maxBytes) {
    public RedisMemory {
        Objects.requireNonNull(node, "node");
    }

    /** Reads the two fields from an {@code INFO memory} reply ({@code field:value} lines). */
    static RedisMemory parse(String node, String info) {
        long used = -1;
        long max = -1;
        for (String line : info.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String field = line.substring(0, colon);
            if (field.equals("used_memory")) {
                used = Long.parseLong(line.substring(colon + 1).trim());
            } else if (field.equals("maxmemory")) {
                max = Long.parseLong(line.substring(colon + 1).trim());
            }
        }
        if (used < 0 || max < 0) {
            throw new IllegalArgumentException("INFO memory of " + node + " lacks used_memory or maxmemory");
        }
        return new RedisMemory(node, used, max);
    }
}
