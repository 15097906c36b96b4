package io.syncbridge.adapter.javalin.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.syncbridge.adapter.javalin.json.JsonStream;
import io.syncbridge.adapter.javalin.json.JsonValues;
import io.syncbridge.domain.change.AppliedChange;
import io.syncbridge.domain.device.Device;
import io.syncbridge.domain.error.PathConflict;
import io.syncbridge.domain.state.JsonValue;
import io.syncbridge.domain.state.PatchOperation;
import io.syncbridge.port.in.DevicesUseCase.DeviceStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The gateway's JSON: client frames are read by {@link JsonStream} straight into the domain's
 * values; answers are built as small Jackson objects whose state values are the domain's own,
 * written by the generator once. The wire shapes of the domain types the WebSocket messages carry
 * live here. Times are RFC 3339 strings in v2 payloads; the v1 fields that are times and envelope
 * timestamps are epoch seconds (the message builders write those as numbers).
 */
final class WireJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonStream.factory()).nodeFactory(NODES).build();

    private WireJson() {
    }

    /** One client frame: strict JSON (see {@link JsonStream}). */
    static JsonValue read(String text) throws InvalidMessage {
        JsonValue value;
        try {
            value = JsonStream.read(text);
        } catch (JsonStream.MalformedJson e) {
            throw new InvalidMessage("Malformed JSON: " + e.getMessage());
        }
        if (value == null) {
            throw new InvalidMessage("Empty message");
        }
        return value;
    }

    /** The text of a message, written once by the generator (state values straight from the domain). */
    /** The node as UTF-8 JSON, written straight to bytes (no String in between). */
    static byte[] writeBytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a message failed to serialise", e);
        }
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a message failed to serialise", e);
        }
    }

    /** A domain value inside a message being built. */
    static JsonNode value(JsonValue value) {
        return JsonValues.toNode(value);
    }

    static ObjectNode object() {
        return NODES.objectNode();
    }

    static ArrayNode array() {
        return NODES.arrayNode();
    }

    static JsonNode instant(Instant instant) {
        return instant == null ? NODES.nullNode() : NODES.textNode(instant.toString());
    }

    static JsonNode instant(Optional<Instant> instant) {
        return instant(instant.orElse(null));
    }

    /** A device as DeviceJoined, AuthSuccess and DEVICE_LIMIT_REACHED list it. */
    static ObjectNode device(Device device, boolean online, boolean active) {
        ObjectNode node = object();
        node.put("id", device.id().value());
        node.put("type", device.description().kind().wireName());
        node.put("name", device.description().name());
        node.put("user_agent", device.description().userAgent());
        ArrayNode capabilities = node.putArray("capabilities");
        device.description().capabilities().stream().sorted().forEach(capabilities::add);
        node.set("connected_at", instant(device.connectedAt()));
        node.set("last_seen", instant(device.lastSeen()));
        node.put("online", online);
        node.put("active", active);
        return node;
    }

    static ArrayNode devices(List<DeviceStatus> devices) {
        ArrayNode list = array();
        devices.forEach(d -> list.add(device(d.device(), d.online(), d.active())));
        return list;
    }

    /**
     * An operation as v2 messages carry it: RFC 6902 style. The v1 wire's SET and DELETE of a
     * top-level key read as {@code add} and {@code remove} of that key.
     */
    static ObjectNode operation(PatchOperation operation) {
        ObjectNode node = object();
        switch (operation) {
            case PatchOperation.Add add -> {
                node.put("op", "add").put("path", add.path().toString());
                node.set("value", value(add.value()));
            }
            case PatchOperation.Replace replace -> {
                node.put("op", "replace").put("path", replace.path().toString());
                node.set("value", value(replace.value()));
            }
            case PatchOperation.Remove remove -> node.put("op", "remove").put("path", remove.path().toString());
            case PatchOperation.Move move -> node.put("op", "move").put("from", move.from().toString())
                    .put("path", move.path().toString());
            case PatchOperation.Copy copy -> node.put("op", "copy").put("from", copy.from().toString())
                    .put("path", copy.path().toString());
            case PatchOperation.Test test -> {
                node.put("op", "test").put("path", test.path().toString());
                node.set("value", value(test.value()));
            }
            case PatchOperation.SetKey set -> {
                node.put("op", "add").put("path", set.path().toString());
                node.set("value", value(set.value()));
            }
            case PatchOperation.DeleteKey delete -> node.put("op", "remove").put("path", delete.path().toString());
        }
        return node;
    }

    static ArrayNode operations(List<PatchOperation> operations) {
        ArrayNode list = array();
        operations.forEach(op -> list.add(operation(op)));
        return list;
    }

    /** One entry of a Catchup's {@code changes}. */
    static ObjectNode appliedChange(AppliedChange change) {
        ObjectNode node = object();
        node.put("version", change.version());
        node.put("device_id", change.deviceId().value());
        node.put("mutation_id", change.mutationId().value());
        node.set("ops", operations(change.operations()));
        return node;
    }

    static ArrayNode conflicts(List<PathConflict> conflicts) {
        ArrayNode list = array();
        for (PathConflict conflict : conflicts) {
            ObjectNode node = list.addObject();
            node.put("path", conflict.path().toString());
            node.set("current_value", conflict.currentValue().map(WireJson::value).orElse(NODES.nullNode()));
        }
        return list;
    }
}
