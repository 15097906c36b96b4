package io.syncbridge.adapter.javalin.ws;

import io.syncbridge.domain.device.DeviceDescription;
import io.syncbridge.domain.device.DeviceKind;
import io.syncbridge.domain.state.JsonArray;
import io.syncbridge.domain.state.JsonObject;
import io.syncbridge.domain.state.JsonString;
import io.syncbridge.domain.state.JsonValue;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * An Auth (7) payload: a {@code token} or a {@code handoff_token}, and the optional session, device,
 * device description, protocol and resume point. The device description stays raw until the
 * domain checks it, so that a bad one is an AuthFailure rather than an Error.
 */
record AuthRequest(Optional<String> token, Optional<String> handoffToken, Optional<String> sessionId,
                   Optional<String> deviceId, Optional<RawDevice> device, int protocol, OptionalLong lastVersion) {

    /** The {@code device} object as sent. */
    record RawDevice(String type, String name, String userAgent, Set<String> capabilities) {
        DeviceDescription toDescription() {
            return new DeviceDescription(DeviceKind.parse(type), name, userAgent, capabilities);
        }
    }

    DeviceDescription description() {
        return device.map(RawDevice::toDescription).orElse(DeviceDescription.UNKNOWN);
    }

    static AuthRequest from(JsonObject payload) throws InvalidMessage {
        OptionalLong lastVersion = Payloads.integer(payload, "last_version");
        if (lastVersion.isPresent() && lastVersion.getAsLong() < 0) {
            throw new InvalidMessage("Field 'last_version' must not be negative");
        }
        return new AuthRequest(Payloads.text(payload, "token"), Payloads.text(payload, "handoff_token"),
                Payloads.text(payload, "session_id"), Payloads.text(payload, "device_id"),
                rawDevice(payload), protocol(Payloads.integer(payload, "protocol")), lastVersion);
    }

    /** Protocol 2 or higher asks for the v2 messages; anything else (or nothing) is v1. */
    static int protocol(OptionalLong requested) {
        return requested.isPresent() && requested.getAsLong() >= 2 ? 2 : 1;
    }

    private static Optional<RawDevice> rawDevice(JsonObject payload) throws InvalidMessage {
        Optional<JsonObject> device = Payloads.object(payload, "device");
        if (device.isEmpty()) {
            return Optional.empty();
        }
        JsonObject node = device.get();
        Set<String> capabilities = new LinkedHashSet<>();
        Optional<JsonValue> list = Payloads.member(node, "capabilities");
        if (list.isPresent()) {
            if (!(list.get() instanceof JsonArray array)) {
                throw new InvalidMessage("Field 'device.capabilities' must be an array of strings");
            }
            for (JsonValue capability : array.elements()) {
                if (!(capability instanceof JsonString text)) {
                    throw new InvalidMessage("Field 'device.capabilities' must be an array of strings");
                }
                capabilities.add(text.value());
            }
        }
        return Optional.of(new RawDevice(Payloads.text(node, "type").orElse(null),
                Payloads.text(node, "name").orElse(""), Payloads.text(node, "user_agent").orElse(""), capabilities));
    }
}
