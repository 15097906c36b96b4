package io.syncbridge.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RedisPersistenceTest {

    @Test
    void readsAofEnabledFromInfoPersistence() {
        assertThat(RedisPersistence.aofEnabled("# Persistence\r\nloading:0\r\naof_enabled:1\r\n")).isTrue();
        assertThat(RedisPersistence.aofEnabled("# Persistence\r\naof_enabled:0\r\n")).isFalse();
    }

    @Test
    void unknownWhenAofIsOffAndTheScheduleCannotBeRead() {
        RedisPersistence node = new RedisPersistence("r:6379", false, Optional.empty(), Optional.empty());
        assertThat(node.mode()).isEqualTo(RedisPersistence.Mode.UNKNOWN);
        assertThat(node.persists()).as("not known to lose everything").isTrue();
    }

    @Test
    void describesEveryNodeOnOneLine() {
        assertThat(RedisPersistence.describe(List.of(
                new RedisPersistence("a:1", true, Optional.of("everysec"), Optional.of("3600 1")),
                new RedisPersistence("b:2", false, Optional.of("everysec"), Optional.of("")))))
                .isEqualTo("a:1 AOF (appendfsync everysec) + RDB (save 3600 1); b:2 none");
    }

    @Test
    void readsTheValueOfAConfigGetReply() {
        assertThat(RedisPersistence.configValue(List.of("save", "60 1"))).contains("60 1");
        assertThat(RedisPersistence.configValue(List.of())).isEmpty();
    }
}
