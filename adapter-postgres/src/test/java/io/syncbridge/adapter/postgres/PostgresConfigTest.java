package io.syncbridge.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PostgresConfigTest {

    @Test
    void turnsAPostgresUrlIntoAJdbcUrlWithItsCredentials() {
        PostgresConfig config = PostgresConfig.fromUrl("postgres://app:s3cret@db.example:6543/sync?sslmode=require",
                null, null);

        assertThat(config.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/sync?sslmode=require");
        assertThat(config.user()).isEqualTo("app");
        assertThat(config.password()).isEqualTo("s3cret");
    }

    @Test
    void acceptsThePostgresqlSchemeAndAUrlWithoutCredentials() {
        PostgresConfig config = PostgresConfig.fromUrl("postgresql://localhost/sync", "", " ");

        assertThat(config.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/sync");
        assertThat(config.user()).isNull();
        assertThat(config.password()).isNull();
    }

    @Test
    void decodesPercentEncodedCredentials() {
        PostgresConfig config = PostgresConfig.fromUrl("postgres://us%40er:p%3Aw%2Fd+x@h:5432/db", null, null);

        assertThat(config.user()).isEqualTo("us@er");
        assertThat(config.password()).isEqualTo("p:w/d+x");
    }

    @Test
    void keepsAJdbcUrlAsItIs() {
        PostgresConfig config = PostgresConfig.fromUrl("jdbc:postgresql://127.0.0.1:5432/test", "postgres", null);

        assertThat(config.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/test");
        assertThat(config.user()).isEqualTo("postgres");
        assertThat(config.password()).isNull();
    }

    @Test
    void explicitCredentialsWinOverTheUrls() {
        PostgresConfig config = PostgresConfig.fromUrl("postgres://fromurl:urlpass@h/db", "explicit", "pass");

        assertThat(config.user()).isEqualTo("explicit");
        assertThat(config.password()).isEqualTo("pass");
    }

    @Test
    void refusesAnUnknownSchemeWithoutEchoingThePassword() {
        assertThatThrownBy(() -> PostgresConfig.fromUrl("mysql://u:topsecret@h/db", null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("postgres://user:password@host:5432/database")
                .hasMessageNotContaining("topsecret");
    }

    @Test
    void refusesAUrlWithoutHost() {
        assertThatThrownBy(() -> PostgresConfig.fromUrl("postgres://u:p@/db", null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no host");
    }

    @Test
    void hidesThePasswordInItsDescription() {
        PostgresConfig config = PostgresConfig.fromUrl("postgres://app:s3cret@h/db", null, null);

        assertThat(config.toString()).doesNotContain("s3cret").contains("user=app");
        assertThat(PostgresConfig.redact("jdbc:postgresql://h/db?user=a&password=xyz&ssl=true"))
                .isEqualTo("jdbc:postgresql://h/db?user=a&password=***&ssl=true");
    }

    @Test
    void refusesASchemaNameThatWouldNeedQuoting() {
        PostgresConfig config = PostgresConfig.fromUrl("postgres://h/db", null, null);

        assertThatThrownBy(() -> config.withSchema("Drop Table")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("schema");
        assertThat(config.withSchema("sync_test_1").schema()).isEqualTo("sync_test_1");
    }

    @Test
    void refusesNonsensicalPoolSettings() {
        PostgresConfig config = PostgresConfig.fromUrl("postgres://h/db", null, null);

        assertThatThrownBy(() -> config.withPoolSize(0)).hasMessageContaining("poolSize");
        assertThatThrownBy(() -> config.withConnectionTimeout(Duration.ZERO)).hasMessageContaining("connectionTimeout");
        assertThat(config.withLeakDetectionThreshold(Duration.ZERO).leakDetectionThreshold()).isZero();
    }
}
