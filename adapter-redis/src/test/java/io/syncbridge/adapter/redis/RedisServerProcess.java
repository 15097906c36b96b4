package io.syncbridge.adapter.redis;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A redis-server of the test's own on a loopback port, as a child process that the test stops and
 * starts again on the same port (outage tests) or joins into a cluster. Nothing is persisted,
 * unless started {@link #startAppendOnly append-only}. Shared with the server's end-to-end tests
 * through this module's test-jar.
 */
public final class RedisServerProcess implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(15);
    /** Servers still running when the JVM exits (a test aborted) are stopped then. */
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly)));
    }

    private final int port;
    private final Path dir;
    private final List<String> extraArgs;
    private Process process;

    private RedisServerProcess(int port, Path dir, List<String> extraArgs) {
        this.port = port;
        this.dir = dir;
        this.extraArgs = List.copyOf(extraArgs);
    }

    /** Starts a server on a free port (whose cluster bus port, +10000, is free too). */
    public static RedisServerProcess start(Path dir, String... extraArgs) throws IOException {
        RedisServerProcess server = new RedisServerProcess(freePort(), dir, List.of(extraArgs));
        server.start();
        return server;
    }

    /**
     * A server that keeps an append-only file in {@code dir}, synced on every write, so that what it
     * acknowledged survives its own restart (as a production Redis set up for SyncBridge would): the
     * outage is the point of such a test, not a data loss.
     */
    public static RedisServerProcess startAppendOnly(Path dir) throws IOException {
        return start(dir, "--appendonly", "yes", "--appendfsync", "always");
    }

    public int port() {
        return port;
    }

    public String address() {
        return "127.0.0.1:" + port;
    }

    public Jedis client() {
        return new Jedis("127.0.0.1", port);
    }

    /** (Re)starts the server on its port and waits until it answers PING. */
    public void start() throws IOException {
        if (process != null && process.isAlive()) {
            return;
        }
        Files.createDirectories(dir);
        List<String> command = new ArrayList<>(List.of("redis-server", "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString()));
        command.addAll(extraArgs);
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis-" + port + ".log").toFile()).start();
        RUNNING.add(process);
        try {
            awaitState("answer PING", this::answersPing);
        } catch (RuntimeException e) {
            process.destroyForcibly();
            RUNNING.remove(process);
            process = null;
            throw e;
        }
    }

    /** Stops the server (the process this test started, by its handle) and waits until it is gone. */
    public void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        RUNNING.remove(process);
        process = null;
        awaitState("stop answering", () -> !answersPing());
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    /** Whether the server answers at all (an authentication error is an answer). */
    public boolean answersPing() {
        try (Jedis jedis = client()) {
            return "PONG".equals(jedis.ping());
        } catch (JedisDataException e) {
            return e.getMessage() != null && e.getMessage().startsWith("NOAUTH");
        } catch (JedisException e) {
            return false;
        }
    }

    private void awaitState(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("redis-server on port " + port + " did not " + what + " within "
                        + STARTUP + "; see " + dir.resolve("redis-" + port + ".log"));
            }
            pause();
        }
    }

    static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static int freePort() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            if (port + 10_000 <= 65_535 && isFree(port + 10_000)) {
                return port;
            }
        }
        throw new IOException("no free loopback port pair found");
    }

    private static boolean isFree(int port) {
        try (ServerSocket ignored = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
