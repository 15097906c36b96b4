package io.syncbridge.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RedisMemoryTest {

    @Test
    void readsUsedAndMaxMemoryFromAnInfoReply() {
        String info = "# Memory\r\nused_memory:1048576\r\nused_memory_human:1.00M\r\nmaxmemory:4194304\r\n"
                + "maxmemory_human:4.00M\r\nmaxmemory_policy:noeviction\r\n";

        assertThat(RedisMemory.parse("redis-1:6379", info)).isEqualTo(new RedisMemory("redis-1:6379", 1_048_576, 4_194_304));
    }

    @Test
    void refusesAReplyWithoutTheFields() {
        assertThatThrownBy(() -> RedisMemory.parse("n:1", "# Memory\r\nused_memory_human:1M\r\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("n:1");
    }
}
