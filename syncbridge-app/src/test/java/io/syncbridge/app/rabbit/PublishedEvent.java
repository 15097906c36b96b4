package io.syncbridge.app.rabbit;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.GetResponse;
import io.syncbridge.adapter.javalin.ws.WsClient;
import java.io.IOException;
import java.util.Map;

/** One message read back from the test queue: routing key, AMQP properties and the parsed JSON body. */
record PublishedEvent(String routingKey, String messageId, String type, Map<String, Object> headers, JsonNode body) {

    static PublishedEvent of(GetResponse response) {
        try {
            return new PublishedEvent(response.getEnvelope().getRoutingKey(), response.getProps().getMessageId(),
                    response.getProps().getType(), response.getProps().getHeaders(),
                    WsClient.JSON.readTree(response.getBody()));
        } catch (IOException e) {
            throw new IllegalStateException("an event body that is not JSON", e);
        }
    }

    String sessionId() {
        return body.path("session_id").asText();
    }

    JsonNode data() {
        return body.path("data");
    }

    @Override
    public String toString() {
        return routingKey + " " + messageId + " " + body;
    }
}
