package io.syncbridge.client;

import io.syncbridge.domain.state.JsonObject;

/** What a live session learns about handoffs. */
public sealed interface HandoffEvent {

    /** This device was handed the session: the state and version it was handed at. */
    record HandedToThisDevice(String handoffId, String fromDeviceId, long version, JsonObject state)
            implements HandoffEvent {
    }

    /** A handoff finished (told to every device of the session). */
    record Completed(String handoffId, String fromDeviceId, String toDeviceId, long latencyMs)
            implements HandoffEvent {
    }
}
