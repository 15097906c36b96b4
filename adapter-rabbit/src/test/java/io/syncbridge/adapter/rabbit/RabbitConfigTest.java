package io.syncbridge.adapter.rabbit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RabbitConfigTest {

    @Test
    void derivesTheExampleQueueAndDeadLetterNamesFromTheExchange() {
        RabbitConfig config = RabbitConfig.defaults(RabbitConfig.DEFAULT_URL).withExchange("acme.events");

        assertThat(config.topology()).isEqualTo(
                new EventTopology("acme.events", "acme.events.all", "acme.events.dlx", "acme.events.dead"));
        assertThat(RabbitConfig.defaults(RabbitConfig.DEFAULT_URL).topology()).isEqualTo(
                new EventTopology("syncbridge.events", "syncbridge.events.all", "syncbridge.events.dlx",
                        "syncbridge.events.dead"));
    }

    @Test
    void masksThePasswordWhenPrinted() {
        RabbitConfig config = RabbitConfig.defaults("amqp://relay:s3cr$t@broker.internal:5672/prod");

        assertThat(config.redactedUrl()).isEqualTo("amqp://relay:***@broker.internal:5672/prod");
        assertThat(config.toString()).contains("relay:***@broker.internal").doesNotContain("s3cr$t");
    }

    @Test
    void readsTheVhostFromTheUrlPath() {
        assertThat(RabbitConnection.factoryFor(RabbitConfig.defaults("amqp://u:p@h:5672/tenant-a")).getVirtualHost())
                .isEqualTo("tenant-a");
        assertThat(RabbitConnection.factoryFor(RabbitConfig.defaults("amqp://u:p@h:5672/%2F")).getVirtualHost())
                .isEqualTo("/");
    }

    @Test
    void treatsAnEmptyVhostAsTheDefaultOne() {
        assertThat(RabbitConnection.factoryFor(RabbitConfig.defaults("amqp://u:p@h:5672/")).getVirtualHost())
                .isEqualTo("/");
        assertThat(RabbitConnection.factoryFor(RabbitConfig.defaults("amqp://u:p@h:5672")).getVirtualHost())
                .isEqualTo("/");
    }

    @Test
    void refusesUrlsThatAreNotAmqp() {
        assertThatThrownBy(() -> RabbitConfig.defaults("http://h:5672/")).hasMessageContaining("amqp://");
        assertThatThrownBy(() -> RabbitConfig.defaults("amqp://h:5672/a/b")).hasMessageContaining("%2F");
        assertThatThrownBy(() -> RabbitConfig.defaults("amqp:// bad")).hasMessageContaining("not a valid URI");
    }

    @Test
    void refusesBackoffBoundsTheWrongWayRound() {
        RabbitConfig config = RabbitConfig.defaults(RabbitConfig.DEFAULT_URL);

        assertThatThrownBy(() -> config.withBackoff(Duration.ofSeconds(5), Duration.ofSeconds(1)))
                .hasMessageContaining("maxBackoff");
        assertThatThrownBy(() -> config.withBatchSize(0)).hasMessageContaining("batchSize");
    }

    @Test
    void refusesReservedExchangeNames() {
        assertThatThrownBy(() -> EventTopology.forExchange("amq.topic")).hasMessageContaining("amq.");
    }
}
