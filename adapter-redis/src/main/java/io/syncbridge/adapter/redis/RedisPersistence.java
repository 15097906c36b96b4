package io.syncbridge.adapter.redis;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one Redis node keeps on disk, read from the server: {@code INFO persistence}
 * ({@code aof_enabled}) and, where the server allows {@code CONFIG GET}, the RDB {@code save}
 * schedule and {@code appendfsync}. {@code node} is {@code host:port}; an empty option means the
 * server would not say (CONFIG disabled, as on some managed services).
 */
public record RedisPersistence(String node, boolean aof, Optional<String> appendfsync, Optional<String> rdbSchedule) {

    /** How a node persists, from the most to the least durable. */
    public enum Mode {
        /** Append-only file: loses at most what {@code appendfsync} has not synced (none with {@code always}, ~1 s with {@code everysec}). */
        AOF,
        /** Snapshots only: loses everything written since the last snapshot (minutes, by the schedule). */
        RDB,
        /** Nothing on disk: a restart or a flush loses every session it holds. */
        NONE,
        /** AOF is off and the server would not tell its snapshot schedule. */
        UNKNOWN
    }

    public RedisPersistence {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(appendfsync, "appendfsync");
        Objects.requireNonNull(rdbSchedule, "rdbSchedule");
    }

    public Mode mode() {
        if (aof) {
            return Mode.AOF;
        }
        if (rdbSchedule.isEmpty()) {
            return Mode.UNKNOWN;
        }
        return rdbSchedule.get().isBlank() ? Mode.NONE : Mode.RDB;
    }

    /** False only when the node is known to keep nothing on disk. */
    public boolean persists() {
        return mode() != Mode.NONE;
    }

    /** E.g. {@code AOF (appendfsync everysec)}, {@code RDB (save 3600 1 300 100)}, {@code none}. */
    public String describe() {
        return switch (mode()) {
            case AOF -> "AOF (appendfsync " + appendfsync.orElse("unknown") + ")"
                    + rdbSchedule.filter(s -> !s.isBlank()).map(s -> " + RDB (save " + s + ")").orElse("");
            case RDB -> "RDB (save " + rdbSchedule.orElseThrow() + ")";
            case NONE -> "none";
            case UNKNOWN -> "RDB schedule unknown (CONFIG GET refused), AOF off";
        };
    }

    /** {@code aof_enabled} of an {@code INFO persistence} reply. */
    static boolean aofEnabled(String info) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("aof_enabled:")) {
                return line.substring("aof_enabled:".length()).trim().equals("1");
            }
        }
        throw new IllegalArgumentException("INFO persistence lacks aof_enabled");
    }

    /** The value of a {@code CONFIG GET name} reply ({@code [name, value]}), if the server gave one. */
    static Optional<String> configValue(List<String> reply) {
        return reply != null && reply.size() >= 2 ? Optional.ofNullable(reply.get(1)) : Optional.empty();
    }

    /** One line for the logs and /health of every node: {@code host:port AOF (...)}, joined by "; ". */
    public static String describe(List<RedisPersistence> nodes) {
        return String.join("; ", nodes.stream().map(n -> n.node() + " " + n.describe()).toList());
    }
}
