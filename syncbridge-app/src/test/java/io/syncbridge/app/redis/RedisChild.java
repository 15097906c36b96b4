package io.syncbridge.app.redis;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A redis-server of the test's own on a free loopback port, as a child process the test stops and
 * starts again on the same port. It keeps an append-only file synced on every write in the test's
 * directory, so that what it acknowledged survives its own restart (as a production Redis set up
 * for SyncBridge would); the outage is the point, not a data loss.
 */
public final class RedisChild implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private final int port;
    private final Path dir;
    private final boolean appendOnly;
    private Process process;

    private RedisChild(int port, Path dir, boolean appendOnly) {
        this.port = port;
        this.dir = dir;
        this.appendOnly = appendOnly;
    }

    public static RedisChild start(Path dir) throws IOException {
        return start(dir, true);
    }

    /** With {@code appendOnly} false the server keeps nothing on disk: a restart empties it. */
    public static RedisChild start(Path dir, boolean appendOnly) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        RedisChild redis = new RedisChild(port, dir, appendOnly);
        redis.start();
        return redis;
    }

    public String address() {
        return "127.0.0.1:" + port;
    }

    /** (Re)starts the server on its port and waits until it answers PING. */
    public void start() throws IOException {
        process = new ProcessBuilder(List.of("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", appendOnly ? "yes" : "no", "--appendfsync", "always", "--dir", dir.toString()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("redis.log").toFile())).start();
        awaitState("answer PING", this::answersPing);
    }

    /** Stops the server this test started (by its handle) and waits until it no longer answers. */
    public void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        process = null;
        awaitState("stop answering", () -> !answersPing());
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private boolean answersPing() {
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            return "PONG".equals(jedis.ping());
        } catch (JedisException e) {
            return false;
        }
    }

    private void awaitState(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("redis-server on port " + port + " did not " + what + " within "
                        + WAIT + "; see " + dir.resolve("redis.log"));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
