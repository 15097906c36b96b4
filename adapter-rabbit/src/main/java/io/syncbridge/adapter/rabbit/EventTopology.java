package io.syncbridge.adapter.rabbit;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;

/**
 * The broker objects of the event stream: the topic exchange the relay publishes to, and an
 * example consumer queue bound to every event whose rejected messages go to a dead-letter queue.
 */
public record EventTopology(String exchange, String exampleQueue, String deadLetterExchange, String deadLetterQueue) {

    public static final String DEFAULT_EXCHANGE = "syncbridge.events";

    /** Binds a queue to every routing key of a topic exchange. */
    public static final String ALL_EVENTS = "#";

    public EventTopology {
        requireName("exchange", exchange);
        requireName("exampleQueue", exampleQueue);
        requireName("deadLetterExchange", deadLetterExchange);
        requireName("deadLetterQueue", deadLetterQueue);
    }

    /** {@code syncbridge.events}, {@code syncbridge.events.all}, {@code syncbridge.events.dlx}, {@code syncbridge.events.dead}. */
    public static EventTopology defaults() {
        return forExchange(DEFAULT_EXCHANGE);
    }

    /** The example queue and dead-letter objects named after the exchange: {@code <exchange>.all|.dlx|.dead}. */
    public static EventTopology forExchange(String exchange) {
        requireName("exchange", exchange);
        return new EventTopology(exchange, exchange + ".all", exchange + ".dlx", exchange + ".dead");
    }

    /** Declares the durable topic exchange; idempotent, done by the relay on every new channel. */
    public void declareExchange(Channel channel) throws IOException {
        channel.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true);
    }

    /**
     * Declares the example consumer side: the durable queue bound to all events, whose messages
     * rejected without requeue (or expired) go to the dead-letter exchange and its durable queue.
     * The routing key is kept when a message is dead-lettered, so the dead queue binds to all keys.
     */
    public void declareExampleConsumer(Channel channel) throws IOException {
        declareExchange(channel);
        channel.exchangeDeclare(deadLetterExchange, BuiltinExchangeType.TOPIC, true);
        channel.queueDeclare(deadLetterQueue, true, false, false, null);
        channel.queueBind(deadLetterQueue, deadLetterExchange, ALL_EVENTS);
        channel.queueDeclare(exampleQueue, true, false, false, Map.of("x-dead-letter-exchange", deadLetterExchange));
        channel.queueBind(exampleQueue, exchange, ALL_EVENTS);
    }

    private static void requireName(String what, String name) {
        Objects.requireNonNull(name, what);
        if (name.isBlank() || name.length() > 255) {
            throw new IllegalArgumentException(what + " must be 1 to 255 characters, not blank");
        }
        if (name.startsWith("amq.")) {
            throw new IllegalArgumentException(what + " must not start with the reserved prefix 'amq.'");
        }
    }
}
