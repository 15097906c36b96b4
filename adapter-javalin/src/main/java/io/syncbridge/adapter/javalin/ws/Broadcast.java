package io.syncbridge.adapter.javalin.ws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.session.UserId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A session event made ready for the wire once per node, then handed to each local connection of
 * the session, which decides (by protocol, sender and what it has seen) what to send of it.
 */
sealed interface Broadcast {

    /**
     * An accepted change: the v1 StateUpdate payloads, the v2 Delta payload, and the user who made
     * it, whom a v1 StateUpdate's envelope names in {@code user_id}.
     */
    record StateChanged(long version, String mutationId, List<ObjectNode> v1Updates, ObjectNode delta, UserId sender)
            implements Broadcast {
        public StateChanged {
            v1Updates = List.copyOf(v1Updates);
            Objects.requireNonNull(delta, "delta");
            Objects.requireNonNull(sender, "sender");
        }
    }

    /** A v2-only notice, for every connection or only those of one device, or all but one device's. */
    record Notice(MessageType type, ObjectNode payload, Optional<DeviceId> onlyDevice, Optional<DeviceId> exceptDevice)
            implements Broadcast {
        static Notice toAll(MessageType type, ObjectNode payload) {
            return new Notice(type, payload, Optional.empty(), Optional.empty());
        }

        static Notice toDevice(MessageType type, ObjectNode payload, DeviceId device) {
            return new Notice(type, payload, Optional.of(device), Optional.empty());
        }

        static Notice toOthers(MessageType type, ObjectNode payload, DeviceId device) {
            return new Notice(type, payload, Optional.empty(), Optional.of(device));
        }

        boolean addressedTo(DeviceId device) {
            return onlyDevice.map(device::equals).orElse(true) && !exceptDevice.map(device::equals).orElse(false);
        }
    }

    /** The device was removed or evicted: its connections close. */
    record DeviceGone(DeviceId device, String reason) implements Broadcast {
    }

    /** The session expired or was deleted: SessionEnded (v2), then every connection closes. */
    record SessionEnded(String reason) implements Broadcast {
    }
}
