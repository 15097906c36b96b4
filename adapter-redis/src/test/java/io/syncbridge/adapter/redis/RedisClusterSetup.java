package io.syncbridge.adapter.redis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A three-master Redis Cluster on loopback ports, made by the tests: three redis-server processes
 * with cluster mode on, joined by {@code redis-cli --cluster create}, torn down (processes stopped,
 * files removed) by {@link #close()}.
 */
final class RedisClusterSetup implements AutoCloseable {

    private static final Duration FORMING = Duration.ofSeconds(30);

    private final Path dir;
    private final List<RedisServerProcess> nodes;

    private RedisClusterSetup(Path dir, List<RedisServerProcess> nodes) {
        this.dir = dir;
        this.nodes = nodes;
    }

    static RedisClusterSetup start() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("syncbridge-redis-cluster-");
        List<RedisServerProcess> nodes = new ArrayList<>();
        RedisClusterSetup setup = new RedisClusterSetup(dir, nodes);
        try {
            for (int i = 0; i < 3; i++) {
                Path nodeDir = dir.resolve("node-" + i);
                nodes.add(RedisServerProcess.start(nodeDir, "--cluster-enabled", "yes", "--cluster-config-file",
                        nodeDir.resolve("nodes.conf").toString(), "--cluster-node-timeout", "5000"));
            }
            List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
            nodes.forEach(node -> create.add(node.address()));
            create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
            Process cli = new ProcessBuilder(create).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("cluster-create.log").toFile()).start();
            if (!cli.waitFor(60, TimeUnit.SECONDS) || cli.exitValue() != 0) {
                cli.destroyForcibly();
                throw new IllegalStateException("redis-cli --cluster create failed: "
                        + Files.readString(dir.resolve("cluster-create.log")));
            }
            setup.awaitClusterOk();
            return setup;
        } catch (IOException | InterruptedException | RuntimeException e) {
            setup.close();
            throw e;
        }
    }

    /** {@code host:port,host:port,host:port}, as in {@code REDIS_CLUSTER}. */
    String seeds() {
        return nodes.stream().map(RedisServerProcess::address).collect(Collectors.joining(","));
    }

    List<RedisServerProcess> nodes() {
        return nodes;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        for (RedisServerProcess node : nodes) {
            node.stop();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** Waits until every node reports {@code cluster_state:ok} (after forming, or after a node came back). */
    void awaitClusterOk() {
        long deadline = System.nanoTime() + FORMING.toNanos();
        while (!nodes.stream().allMatch(RedisClusterSetup::isOk)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the test cluster did not reach cluster_state:ok within " + FORMING);
            }
            RedisServerProcess.pause();
        }
    }

    private static boolean isOk(RedisServerProcess node) {
        try (Jedis jedis = node.client()) {
            return jedis.clusterInfo().contains("cluster_state:ok");
        } catch (JedisException e) {
            return false;
        }
    }
}
