package io.syncbridge.app.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.syncbridge.adapter.javalin.ws.WsClient;

/** Client messages of the wire protocol, built as a client would send them. */
final class Messages {

    private Messages() {
    }

    /** A v2 Change (10) with one operation. */
    static ObjectNode change(String mutationId, long baseVersion, String op, String path, Object value) {
        ObjectNode message = WsClient.JSON.createObjectNode().put("type", 10);
        ObjectNode payload = message.putObject("payload").put("mutation_id", mutationId)
                .put("base_version", baseVersion);
        ArrayNode ops = payload.putArray("ops");
        ObjectNode operation = ops.addObject().put("op", op).put("path", path);
        if (!"remove".equals(op)) {
            operation.set("value", json(value));
        }
        return message;
    }

    /** A v1 StateUpdate (5) setting a top-level key. */
    static ObjectNode stateUpdate(String key, Object value) {
        ObjectNode message = WsClient.JSON.createObjectNode().put("type", 5);
        message.putObject("payload").put("key", key).set("value", json(value));
        return message;
    }

    static ObjectNode handoffRequest(String targetDevice) {
        ObjectNode message = WsClient.JSON.createObjectNode().put("type", 18);
        message.putObject("payload").put("target_device_id", targetDevice);
        return message;
    }

    static ObjectNode resume(long lastVersion) {
        ObjectNode message = WsClient.JSON.createObjectNode().put("type", 14);
        message.putObject("payload").put("last_version", lastVersion);
        return message;
    }

    static JsonNode json(Object value) {
        return WsClient.JSON.valueToTree(value);
    }
}
