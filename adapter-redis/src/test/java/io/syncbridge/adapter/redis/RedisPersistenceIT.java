package io.syncbridge.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a Redis server keeps on disk, read from the server itself (servers of the test's own). */
class RedisPersistenceIT {

    @TempDir
    Path dir;

    @Test
    void aServerWithoutAofOrSnapshotsPersistsNothing() throws Exception {
        try (RedisServerProcess server = RedisServerProcess.start(dir.resolve("none"));
             RedisConnection redis = RedisConnection.open(RedisConfig.standalone(server.address()))) {
            List<RedisPersistence> persistence = redis.persistence();

            assertThat(persistence).singleElement().satisfies(node -> {
                assertThat(node.node()).isEqualTo(server.address());
                assertThat(node.mode()).isEqualTo(RedisPersistence.Mode.NONE);
                assertThat(node.persists()).isFalse();
                assertThat(node.describe()).isEqualTo("none");
            });
        }
    }

    @Test
    void aServerWithAnAppendOnlyFileSaysSoWithItsFsyncPolicy() throws Exception {
        try (RedisServerProcess server = RedisServerProcess.start(dir.resolve("aof"), "--appendonly", "yes",
                "--appendfsync", "always");
             RedisConnection redis = RedisConnection.open(RedisConfig.standalone(server.address()))) {
            RedisPersistence node = redis.persistence().getFirst();

            assertThat(node.mode()).isEqualTo(RedisPersistence.Mode.AOF);
            assertThat(node.appendfsync()).contains("always");
            assertThat(node.describe()).isEqualTo("AOF (appendfsync always)");
        }
    }

    @Test
    void aServerWithOnlyASnapshotScheduleIsRdb() throws Exception {
        try (RedisServerProcess server = RedisServerProcess.start(dir.resolve("rdb"), "--save", "3600 1 300 100");
             RedisConnection redis = RedisConnection.open(RedisConfig.standalone(server.address()))) {
            RedisPersistence node = redis.persistence().getFirst();

            assertThat(node.mode()).isEqualTo(RedisPersistence.Mode.RDB);
            assertThat(node.rdbSchedule()).isEqualTo(Optional.of("3600 1 300 100"));
            assertThat(node.persists()).isTrue();
        }
    }
}
