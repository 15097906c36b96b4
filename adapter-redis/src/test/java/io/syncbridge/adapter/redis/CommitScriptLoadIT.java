package io.syncbridge.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.domain.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** The ceiling's command is the real commit doing its whole work, again and again on the same heads. */
class CommitScriptLoadIT {

    @Test
    void everyCallOfTheBenchmarkCommandCommitsAndLeavesTheHeadCommittable() {
        RedisConfig config = RedisConfig.standalone("127.0.0.1:6379").withKeyPrefix(TestRedis.uniquePrefix());
        try (RedisConnection redis = RedisConnection.open(config); Jedis jedis = new Jedis("127.0.0.1", 6379)) {
            CommitScriptLoad load = CommitScriptLoad.prepare(redis, 3, Clock.system());
            try {
                for (int i = 0; i < 5; i++) {
                    int call = i;
                    List<String> command = load.command().stream()
                            .map(arg -> arg.replace("__rand_int__", "00000000000" + (call % 3))
                                    .replace("m-00000000000" + (call % 3), "m-call-" + call))
                            .toList();
                    Object reply = jedis.evalsha(command.get(1), Integer.parseInt(command.get(2)),
                            command.subList(3, command.size()).toArray(String[]::new));
                    assertThat(reply).as("call %d", call).isIn(1L, 2L);
                }
                Map<String, String> head = jedis.hgetAll(config.keyPrefix() + "session:{bench-000000000000}:head");
                assertThat(jedis.zcard(config.keyPrefix() + "session:{bench-000000000000}:mut")).isEqualTo(2);
                assertThat(head).containsKeys("revision", "head", "state", "ckpt_version");
            } finally {
                load.clear();
            }
            assertThat(TestRedis.keys(config)).isEmpty();
        }
    }
}
