package io.syncbridge.adapter.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisMonitor;

/**
 * Counts round trips as Redis sees them: a MONITOR lists every command a client sends; commands
 * run inside a script are tagged {@code [0 lua]} and are not round trips. By hand the same is
 * {@code redis-cli -p PORT monitor}.
 */
final class CommandMonitor {

    private final RedisServerProcess server;

    CommandMonitor(RedisServerProcess server) {
        this.server = server;
    }

    /** The names of the commands clients sent while the action ran, in order. */
    List<String> commandsOf(Runnable action) {
        List<String> lines = new CopyOnWriteArrayList<>();
        String started = "start-of-measurement-" + System.nanoTime();
        String ended = "end-of-measurement-" + System.nanoTime();
        Jedis monitorClient = server.client();
        Thread.ofPlatform().daemon().start(() -> {
            try {
                monitorClient.monitor(new JedisMonitor() {
                    @Override
                    public void onCommand(String command) {
                        lines.add(command);
                    }
                });
            } catch (RuntimeException closed) {
                // the monitor connection is closed when the measurement ends
            }
        });
        try {
            awaitLine(lines, started);
            action.run();
            awaitLine(lines, ended);
        } finally {
            monitorClient.close();
        }
        List<String> commands = new ArrayList<>();
        boolean inside = false;
        for (String line : lines) {
            if (line.contains(started)) {
                inside = true;
            } else if (line.contains(ended)) {
                break;
            } else if (inside && !line.contains(" lua]")) {
                String afterClient = line.substring(line.indexOf("] ") + 2);
                commands.add(afterClient.substring(1, afterClient.indexOf('"', 1)).toUpperCase(Locale.ROOT));
            }
        }
        return commands;
    }

    /** Sends ECHO text until the monitor has seen it (the monitor may still be starting). */
    private void awaitLine(List<String> lines, String text) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        try (Jedis probe = server.client()) {
            while (lines.stream().noneMatch(l -> l.contains(text))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("MONITOR did not show " + text);
                }
                probe.echo(text);
                RedisServerProcess.pause();
            }
        }
    }
}
