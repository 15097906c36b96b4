package io.syncbridge.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncbridge.adapter.redis.RedisConfig.Endpoint;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RedisConfigTest {

    @Test
    void parsesASingleAddressWithDefaults() {
        RedisConfig config = RedisConfig.standalone("10.1.2.3:6380");

        assertThat(config.nodes()).containsExactly(new Endpoint("10.1.2.3", 6380));
        assertThat(config.cluster()).isFalse();
        assertThat(config.keyPrefix()).isEqualTo("sb:");
        assertThat(config.poolSize()).isEqualTo(RedisConfig.DEFAULT_POOL_SIZE);
    }

    @Test
    void parsesUrlsBareHostsAndIpv6() {
        assertThat(Endpoint.parse("redis://user:pw@cache.internal:7000/0")).isEqualTo(new Endpoint("cache.internal", 7000));
        assertThat(Endpoint.parse("cache.internal")).isEqualTo(new Endpoint("cache.internal", 6379));
        assertThat(Endpoint.parse("[::1]:6390")).isEqualTo(new Endpoint("::1", 6390));
        assertThat(new Endpoint("::1", 6390)).hasToString("[::1]:6390");
    }

    @Test
    void parsesClusterSeedsSeparatedByCommas() {
        RedisConfig config = RedisConfig.cluster("127.0.0.1:7000, 127.0.0.1:7001,,127.0.0.1:7002");

        assertThat(config.cluster()).isTrue();
        assertThat(config.nodes()).extracting(Endpoint::port).containsExactly(7000, 7001, 7002);
    }

    @Test
    void refusesAPrefixWithBracesAndNonsenseLimits() {
        RedisConfig config = RedisConfig.standalone("localhost:6379");

        assertThatThrownBy(() -> config.withKeyPrefix("a{b}:")).hasMessageContaining("braces");
        assertThatThrownBy(() -> config.withPoolSize(0)).hasMessageContaining("pool size");
        assertThatThrownBy(() -> Endpoint.parse("host:notaport")).hasMessageContaining("host:port");
        assertThatThrownBy(() -> RedisConfig.cluster(" , ")).hasMessageContaining("at least one");
    }

    @Test
    void neverPrintsThePassword() {
        RedisConfig config = RedisConfig.standalone("localhost:6379")
                .withCredentials(Optional.of("app"), Optional.of("s3cret-value"));

        assertThat(config.toString()).doesNotContain("s3cret-value").contains("password=***").contains("username=app");
    }
}
