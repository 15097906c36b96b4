package io.syncbridge.adapter.javalin.ws;

import io.syncbridge.domain.device.DeviceId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A session event made ready for the wire once per node: its frames are encoded once per
 * protocol version, then handed to each local connection of the session, which decides (by
 * protocol, sender and what it has seen) which of them to queue. Every recipient queues the same
 * frame instances.
 */
sealed interface Broadcast {

    /**
     * An accepted change: the v1 StateUpdate frames and the v2 Delta frame, each encoded only when
     * the session has (or may have) a connection of that protocol here.
     */
    record StateChanged(long version, String mutationId, List<Frame> v1Updates, Optional<Frame> delta)
            implements Broadcast {
        public StateChanged {
            v1Updates = List.copyOf(v1Updates);
            Objects.requireNonNull(delta, "delta");
        }
    }

    /**
     * A v2-only notice, for every connection or only those of one device, or all but one device's;
     * {@code handoffId} names the handoff of a HandoffStart (empty otherwise).
     */
    record Notice(Frame frame, String handoffId, Optional<DeviceId> onlyDevice, Optional<DeviceId> exceptDevice)
            implements Broadcast {
        public Notice {
            Objects.requireNonNull(frame, "frame");
            Objects.requireNonNull(handoffId, "handoffId");
        }

        static Notice toAll(Frame frame) {
            return new Notice(frame, "", Optional.empty(), Optional.empty());
        }

        static Notice toDevice(Frame frame, String handoffId, DeviceId device) {
            return new Notice(frame, handoffId, Optional.of(device), Optional.empty());
        }

        static Notice toOthers(Frame frame, DeviceId device) {
            return new Notice(frame, "", Optional.empty(), Optional.of(device));
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
