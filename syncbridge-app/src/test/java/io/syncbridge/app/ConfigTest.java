package io.syncbridge.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigTest {

    private static final String GOOD_SECRET = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path dir;

    @Test
    void defaultsRunInMemoryOnPort8080() {
        Config config = Config.from(Map.of());

        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.redisAddr()).isEmpty();
        assertThat(config.redisCluster()).isEmpty();
        assertThat(config.redisKeyPrefix()).isEqualTo("sb:");
        assertThat(config.databaseUrl()).isEmpty();
        assertThat(config.rabbitmqUrl()).isEmpty();
        assertThat(config.rabbitmqExchange()).isEqualTo("syncbridge.events");
        assertThat(config.jwt().generatedSecret()).isTrue();
        assertThat(config.jwt().accessTokenTtl()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.logLevel()).isEqualTo("info");
        assertThat(config.logFormat()).isEqualTo("auto");
        assertThat(config.sessionTtl()).isEqualTo(Duration.ofDays(7));
        assertThat(config.snapshotTtl()).isEqualTo(Duration.ofDays(7));
        assertThat(config.maxDevices()).isEqualTo(5);
        assertThat(config.maxMessageBytes()).isEqualTo(524_288);
        assertThat(config.wsRateLimit().perMinute()).isEqualTo(100);
        assertThat(config.wsMaxConnectionsPerIp()).isEqualTo(256);
        assertThat(config.heartbeatInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.corsOrigins()).isEmpty();
        assertThat(config.restRateLimit().perMinute()).isEqualTo(600);
        assertThat(config.console()).isEmpty();
    }

    @Test
    void readsTheConsoleCredentialAndNeverShowsThePassword() {
        Config config = Config.from(Map.of("CONSOLE_USER", "ops", "CONSOLE_PASSWORD", "console-pass-789"));

        assertThat(config.console()).hasValueSatisfying(login -> {
            assertThat(login.user()).isEqualTo("ops");
            assertThat(login.password().value()).isEqualTo("console-pass-789");
        });
        assertThat(config.toString()).doesNotContain("console-pass-789");
    }

    @Test
    void refusesAConsoleUserWithoutPasswordAndAShortPassword() {
        assertThatThrownBy(() -> Config.from(Map.of("CONSOLE_USER", "ops")))
                .hasMessageContaining("CONSOLE_USER / CONSOLE_PASSWORD");
        assertThatThrownBy(() -> Config.from(Map.of("CONSOLE_USER", "ops", "CONSOLE_PASSWORD", "short")))
                .hasMessageContaining("CONSOLE_PASSWORD: expected at least 12 characters");
    }

    @Test
    void readsEveryVariable() throws Exception {
        Path key = Files.writeString(dir.resolve("k.pem"), "x");
        Map<String, String> env = new HashMap<>();
        env.put("SERVER_ADDR", "127.0.0.1:9000");
        env.put("REDIS_CLUSTER", "10.0.0.1:7000, 10.0.0.2:7000");
        env.put("REDIS_PASSWORD", "redis-pass");
        env.put("DATABASE_URL", "postgres://app:pw@db:5432/sync");
        env.put("DATABASE_USER", "app");
        env.put("DATABASE_PASSWORD", "db-pass");
        env.put("RABBITMQ_URL", "amqp://guest:guest@127.0.0.1:5672/");
        env.put("RABBITMQ_EXCHANGE", "acme.sync-events");
        env.put("JWT_SIGNING_KEY_FILE", key.toString());
        env.put("JWT_VERIFICATION_KEY_FILES", key.toString());
        env.put("JWT_JWKS_URL", "https://idp.example.com/.well-known/jwks.json");
        env.put("JWT_JWKS_ISSUER", "https://idp.example.com");
        env.put("JWT_ISSUER", "https://sync.example.com");
        env.put("JWT_AUDIENCE", "syncbridge");
        env.put("JWT_ACCESS_TTL", "30m");
        env.put("LOG_LEVEL", "DEBUG");
        env.put("LOG_FORMAT", "text");
        env.put("SESSION_TTL", "1d12h");
        env.put("SNAPSHOT_TTL", "48h");
        env.put("MAX_DEVICES", "3");
        env.put("MAX_MESSAGE_BYTES", "65536");
        env.put("WS_RATE_LIMIT", "10/s");
        env.put("WS_MAX_CONNECTIONS_PER_IP", "16");
        env.put("HEARTBEAT_INTERVAL", "10s");
        env.put("HEARTBEAT_TIMEOUT", "25s");
        env.put("CORS_ORIGINS", "https://app.example.com, http://localhost:3000");
        env.put("REST_RATE_LIMIT", "1200/min");

        Config config = Config.from(env);

        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(9000);
        assertThat(config.redisCluster()).containsExactly("10.0.0.1:7000", "10.0.0.2:7000");
        assertThat(config.redisPassword()).hasValueSatisfying(p -> assertThat(p.value()).isEqualTo("redis-pass"));
        assertThat(config.databaseUrl()).contains("postgres://app:pw@db:5432/sync");
        assertThat(config.rabbitmqUrl()).contains("amqp://guest:guest@127.0.0.1:5672/");
        assertThat(config.rabbitmqExchange()).isEqualTo("acme.sync-events");
        assertThat(config.jwt().signingKeyFile()).contains(key);
        assertThat(config.jwt().verificationKeyFiles()).containsExactly(key);
        assertThat(config.jwt().jwksUrl().map(Object::toString)).contains("https://idp.example.com/.well-known/jwks.json");
        assertThat(config.jwt().issuer()).contains("https://sync.example.com");
        assertThat(config.jwt().audience()).contains("syncbridge");
        assertThat(config.jwt().accessTokenTtl()).isEqualTo(Duration.ofMinutes(30));
        assertThat(config.jwt().generatedSecret()).isFalse();
        assertThat(config.logLevel()).isEqualTo("debug");
        assertThat(config.logFormat()).isEqualTo("text");
        assertThat(config.sessionTtl()).isEqualTo(Duration.ofHours(36));
        assertThat(config.snapshotTtl()).isEqualTo(Duration.ofDays(2));
        assertThat(config.maxDevices()).isEqualTo(3);
        assertThat(config.maxMessageBytes()).isEqualTo(65_536);
        assertThat(config.wsRateLimit().perMinute()).isEqualTo(600);
        assertThat(config.wsMaxConnectionsPerIp()).isEqualTo(16);
        assertThat(config.heartbeatInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(25));
        assertThat(config.corsOrigins()).containsExactly("https://app.example.com", "http://localhost:3000");
        assertThat(config.restRateLimit().perMinute()).isEqualTo(1_200);
    }

    @ParameterizedTest(name = "SERVER_ADDR={0}")
    @CsvSource({":8080, 0.0.0.0, 8080", "9090, 0.0.0.0, 9090", "127.0.0.1:0, 127.0.0.1, 0",
            "localhost:7000, localhost, 7000", "'[::1]:8443', ::1, 8443"})
    void understandsServerAddresses(String value, String host, int port) {
        Config config = Config.from(Map.of("SERVER_ADDR", value));

        assertThat(config.host()).isEqualTo(host);
        assertThat(config.port()).isEqualTo(port);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "SERVER_ADDR|localhost|[host]:port",
            "SERVER_ADDR|:70000|[host]:port",
            "REDIS_ADDR|just-a-host|host:port or a redis:// URL",
            "REDIS_CLUSTER|10.0.0.1:7000,oops|host:port seed nodes",
            "DATABASE_URL|mysql://db/x|a PostgreSQL URL",
            "RABBITMQ_URL|http://broker|an AMQP URL",
            "RABBITMQ_EXCHANGE|events/all|an exchange name",
            "JWT_SECRET|too-short|at least 32 bytes",
            "JWT_ALLOW_SHORT_SECRET|maybe|true or false",
            "JWT_SIGNING_KEY_FILE|/no/such/key.pem|a readable PEM file",
            "JWT_VERIFICATION_KEY_FILES|/no/such/old.pem|readable PEM public key files",
            "JWT_JWKS_URL|ftp://idp/jwks|an http(s) URL",
            "JWT_ACCESS_TTL|2d|a duration from 1m to 24h",
            "LOG_LEVEL|verbose|one of trace, debug, info, warn, error",
            "LOG_FORMAT|xml|auto, json or text",
            "SESSION_TTL|7|a positive duration",
            "SESSION_TTL|0s|a positive duration",
            "SNAPSHOT_TTL|a week|a positive duration",
            "REDIS_POOL_SIZE|0|a whole number from 1 to 4096",
            "REDIS_KEY_PREFIX|sb:{x}:|a key prefix without braces",
            "MAX_DEVICES|0|a whole number from 1 to 100",
            "MAX_DEVICES|five|a whole number from 1 to 100",
            "MAX_MESSAGE_BYTES|100|a whole number from 1024",
            "WS_RATE_LIMIT|100|a rate of at least 1 a minute",
            "WS_RATE_LIMIT|1/day|a rate of at least 1 a minute",
            "WS_RATE_LIMIT|1/hour|a rate of at least 1 a minute",
            "WS_MAX_CONNECTIONS_PER_IP|-1|a whole number from 1",
            "HEARTBEAT_INTERVAL|often|a positive duration",
            "HEARTBEAT_TIMEOUT|10s|longer than HEARTBEAT_INTERVAL",
            "CORS_ORIGINS|app.example.com|origins such as https://app.example.com",
            "REST_RATE_LIMIT|lots|a rate of at least 1 a minute"})
    void refusesABadValueNamingTheVariableAndWhatItExpects(String variable, String value, String expected) {
        assertThatThrownBy(() -> Config.from(Map.of(variable, value)))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .singleElement().asString().startsWith(variable).contains(expected));
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertThatThrownBy(() -> Config.from(Map.of("SERVER_ADDR", "x", "MAX_DEVICES", "0", "LOG_LEVEL", "loud")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).hasSize(3));
    }

    @Test
    void refusesBothRedisAddressAndCluster() {
        assertThatThrownBy(() -> Config.from(Map.of("REDIS_ADDR", "127.0.0.1:6379", "REDIS_CLUSTER", "10.0.0.1:7000")))
                .hasMessageContaining("REDIS_ADDR / REDIS_CLUSTER");
    }

    @Test
    void refusesBothASecretAndAKeyFile() throws Exception {
        Path key = Files.writeString(dir.resolve("k.pem"), "x");

        assertThatThrownBy(() -> Config.from(Map.of("JWT_SECRET", GOOD_SECRET, "JWT_SIGNING_KEY_FILE", key.toString())))
                .hasMessageContaining("JWT_SECRET / JWT_SIGNING_KEY_FILE");
    }

    @Test
    void acceptsAShortLegacySecretOnlyWithTheFlag() {
        Config config = Config.from(Map.of("JWT_SECRET", "v1-secret", "JWT_ALLOW_SHORT_SECRET", "true"));

        assertThat(config.jwt().secret()).hasValueSatisfying(s -> assertThat(s.value()).isEqualTo("v1-secret"));
        assertThat(config.jwt().generatedSecret()).isFalse();
    }

    @Test
    void neverShowsSecretsInItsText() {
        Config config = Config.from(Map.of("JWT_SECRET", GOOD_SECRET, "REDIS_PASSWORD", "redis-pass-123",
                "DATABASE_PASSWORD", "db-pass-456"));

        assertThat(config.toString()).doesNotContain(GOOD_SECRET, "redis-pass-123", "db-pass-456");
    }

    @Test
    void treatsEmptyValuesAsUnset() {
        Config config = Config.from(Map.of("REDIS_ADDR", "", "SERVER_ADDR", " ", "CORS_ORIGINS", ""));

        assertThat(config.redisAddr()).isEmpty();
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.corsOrigins()).isEmpty();
    }

    @Test
    void parsesDurationsAndRates() {
        assertThat(EnvValues.duration("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(EnvValues.duration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(EnvValues.duration("5 m")).isNull();
        assertThat(EnvValues.duration("m5")).isNull();
        assertThat(EnvValues.rate("50/10s").perMinute()).isEqualTo(300);
        assertThat(EnvValues.rate("5000/hour").perMinute()).isEqualTo(83);
        assertThat(EnvValues.rate("100/fortnight")).isNull();
        assertThat(EnvValues.describe(Duration.ofDays(7))).isEqualTo("7d");
        assertThat(EnvValues.describe(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(List.of(EnvValues.flag("yes"), EnvValues.flag("0"))).containsExactly(true, false);
    }
}
