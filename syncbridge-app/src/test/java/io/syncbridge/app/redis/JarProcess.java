package io.syncbridge.app.redis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SyncBridge server in a JVM of its own (the shaded jar that {@code package} built), so that a
 * test can kill it the hard way (SIGKILL: no shutdown hook, no graceful close) as a crash would.
 */
final class JarProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("SyncBridge .* listening on 127\\.0\\.0\\.1:(\\d+)");
    private static final Duration STARTUP = Duration.ofSeconds(60);

    private final Process process;
    private final Path log;
    private final int port;

    private JarProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts {@code target/syncbridge.jar} with {@code env} added to this JVM's environment; waits for its port. */
    static JarProcess start(Map<String, String> env, Path log) throws IOException, InterruptedException {
        return start(List.of(), env, log);
    }

    /** As {@link #start(Map, Path)}, with options for the child JVM (e.g. {@code -Xmx256m} for a fixed heap). */
    static JarProcess start(List<String> jvmOptions, Map<String, String> env, Path log)
            throws IOException, InterruptedException {
        Path jar = Path.of("target", "syncbridge.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: run the build up to package");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new java.util.ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher matcher = LISTENING.matcher(Files.readString(log, StandardCharsets.UTF_8));
            if (matcher.find()) {
                return new JarProcess(process, log, Integer.parseInt(matcher.group(1)));
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(100);
        }
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new IllegalStateException("the server did not report its port within " + STARTUP + ":\n"
                + Files.readString(log, StandardCharsets.UTF_8));
    }

    int port() {
        return port;
    }

    /** SIGKILL, and waits until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the killed server process " + process.pid() + " is still alive; see " + log);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
